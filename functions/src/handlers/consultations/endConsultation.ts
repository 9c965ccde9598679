import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import type { AppointmentStatus } from "../../domain/booking/policy";
import { end, type SessionStatus } from "../../domain/consultations/session";
import { getPatientBookings } from "../../repo/bookingState";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { ConsultationRequest } from "../../schemas/consultations";
import {
  applied,
  consultationIds,
  loadConsultation,
  participantRole,
} from "../../services/consultations/loadConsultation";
import { writeEnded } from "../../services/consultations/writeEnded";

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
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    const role = participantRole(appointment, actor);
    const next = applied(end(session, role, now.getTime()));
    if (appointment.status !== "booked" && appointment.status !== "completed") {
      throw new HttpsError(
        "failed-precondition",
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
