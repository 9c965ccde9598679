import { logger } from "firebase-functions";
import type { AppointmentStatus } from "../../domain/booking/policy";
import { end, type SessionStatus } from "../../domain/consultations/session";
import { getPatientBookings } from "../../repo/bookingState";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { ConsultationRequest } from "../../schemas/consultations";
import { consultationIds, participantTransition } from "../../services/consultations/loadConsultation";
import { writeEnded } from "../../services/consultations/writeEnded";
import { appError } from "../../schemas/errors";

/**
 * The doctor ends the consultation. In the same transaction the appointment is marked
 * `completed` (as recordOutcome would: history, open bookings, reminders) and both changes are
 * audited. An appointment the doctor already recorded as completed stays as it is.
 */
export async function endConsultation({
  actor,
  input,
  now,
  origin,
}: Call<ConsultationRequest>): Promise<{ status: SessionStatus; appointmentStatus: AppointmentStatus }> {
  const { appointmentId } = input;
  const appointmentStatus = await runTransaction(async (tx) => {
    const { appointment, stored, next } = await participantTransition(tx, appointmentId, actor, now, end);
    if (appointment.status !== "booked" && appointment.status !== "completed") {
      throw appError(
        "failed-precondition",
        "appointment-closed",
        `the appointment is already ${appointment.status.replace("_", "-")}`,
      );
    }
    const patient =
      appointment.status === "booked" ? await getPatientBookings(appointment.patientUid, tx) : null;
    // Writes from here on.
    const by = { actor, org: appointment.org, origin };
    const ids = { ...consultationIds(appointmentId, appointment), actorUid: actor.uid };
    writeEnded(tx, { appointmentId, appointment, stored, next, patient, by, ids }, now);
    return "completed" as const;
  });
  logger.info("consultation.ended", { appointmentId, by: actor.uid });
  return { status: "ended", appointmentStatus };
}
