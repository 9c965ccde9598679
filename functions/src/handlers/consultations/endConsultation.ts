import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { end, type SessionStatus } from "../../domain/consultations/session";
import type { AppointmentStatus } from "../../domain/booking/policy";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { saveTransition } from "../../repo/consultations";
import { db } from "../../repo/firestore";
import { readPatientBookings } from "../../repo/schedules";
import { consultationRequestSchema } from "../../schemas/consultations";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { applied, loadConsultation, participantRole } from "./access";
import { closeAppointment } from "./closeAppointment";

/**
 * The doctor ends the consultation. In the same transaction the appointment is marked
 * `completed` (as recordOutcome would: history, open bookings, reminders) and both changes are
 * audited. An appointment the doctor already recorded as completed stays as it is.
 */
export async function endConsultation(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ status: SessionStatus; appointmentStatus: AppointmentStatus }> {
  const actor = await requireActor(request);
  const { appointmentId } = parseRequest(consultationRequestSchema, request.data);
  const appointmentStatus = await db().runTransaction(async (tx) => {
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
      appointment.status === "booked" ? await readPatientBookings(tx, appointment.patientUid) : null;
    // Writes from here on.
    saveTransition(tx, stored, next, now);
    const audit = { actor, org: appointment.org, origin: requestOrigin(request) };
    appendAudit(
      tx,
      { action: "consultation.ended", ...audit, target: { type: "consultation", id: appointmentId } },
      now,
    );
    const eventIds = {
      appointmentId,
      patientUid: appointment.patientUid,
      doctorUid: appointment.doctorUid,
      actorUid: actor.uid,
    };
    recordEventInTx(
      tx,
      buildEvent("consultation.ended", { org: appointment.org, ids: eventIds, key: appointmentId }, now),
    );
    if (patient) {
      closeAppointment(tx, appointmentId, patient, { status: "completed", by: actor }, now);
      appendAudit(
        tx,
        { action: "appointment.completed", ...audit, target: { type: "appointment", id: appointmentId } },
        now,
      );
      recordEventInTx(
        tx,
        buildEvent("appointment.completed", { org: appointment.org, ids: eventIds, key: appointmentId }, now),
      );
    }
    return "completed" as const;
  });
  logger.info("consultation.ended", { appointmentId, by: actor.uid });
  return { status: "ended", appointmentStatus };
}
