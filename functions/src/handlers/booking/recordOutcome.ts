import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { checkCanRecordOutcome } from "../../domain/booking/policy";
import type { RecordOutcomeRequest } from "../../schemas/scheduling";
import { appointmentRef, factsOf, getAppointment, type AppointmentEvent } from "../../repo/appointments";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { cancelReminders } from "../../repo/reminders";
import { readPatientBookings } from "../../repo/schedules";
import { db } from "../../repo/firestore";
import { appointmentView, type AppointmentView } from "./view";

/** The doctor or an admin of the clinic records that a started appointment was completed or a no-show. */
export async function recordOutcome({
  actor,
  input,
  now,
  origin,
}: Call<RecordOutcomeRequest>): Promise<AppointmentView> {
  const view = await db().runTransaction(async (tx) => {
    const appointment = await getAppointment(input.appointmentId, tx);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    const facts = factsOf(appointment);
    const refusal = checkCanRecordOutcome(actor, facts, now);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    // The time stays booked on the doctor's day; it leaves the patient's open bookings.
    const patient = await readPatientBookings(tx, appointment.patientUid);
    const at = Timestamp.fromDate(now);
    patient.remove(input.appointmentId);
    patient.write(tx, { updatedAt: at });
    cancelReminders(tx, input.appointmentId);
    const event: AppointmentEvent = {
      event: input.status,
      at,
      by: actor.uid,
      role: actor.role,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    tx.update(appointmentRef(input.appointmentId), {
      status: input.status,
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
    });
    appendAudit(
      tx,
      {
        action: input.status === "completed" ? "appointment.completed" : "appointment.noShow",
        actor,
        org: appointment.org,
        target: { type: "appointment", id: input.appointmentId },
        origin,
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        input.status === "completed" ? "appointment.completed" : "appointment.no_show",
        {
          org: appointment.org,
          ids: {
            appointmentId: input.appointmentId,
            patientUid: appointment.patientUid,
            doctorUid: appointment.doctorUid,
            actorUid: actor.uid,
          },
          key: input.appointmentId,
        },
        now,
      ),
    );
    return appointmentView(input.appointmentId, { ...appointment, ...facts, status: input.status });
  });
  logger.info(`appointment.${input.status}`, { appointmentId: input.appointmentId, by: actor.uid });
  return view;
}
