import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { checkCanRecordOutcome } from "../../domain/booking/policy";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { factsOf, getAppointment } from "../../repo/appointments";
import { getPatientBookings } from "../../repo/bookingState";
import { runTransaction } from "../../repo/transaction";
import type { RecordOutcomeRequest } from "../../schemas/scheduling";
import { appointmentAction } from "../../services/booking/appointmentActions";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { closeAppointment } from "../../services/consultations/closeAppointment";

/** The doctor or an admin of the clinic records that a started appointment was completed or a no-show. */
export async function recordOutcome({
  actor,
  input,
  now,
  origin,
}: Call<RecordOutcomeRequest>): Promise<AppointmentView> {
  const { appointmentId } = input;
  const completed = input.status === "completed";
  const view = await runTransaction(async (tx) => {
    const appointment = await getAppointment(appointmentId, tx);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    const facts = factsOf(appointment);
    const refusal = checkCanRecordOutcome(actor, facts, now);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    // The time stays booked on the doctor's day; it leaves the patient's open bookings.
    const patient = await getPatientBookings(appointment.patientUid, tx);
    const outcome = { status: input.status, by: actor, ...(input.reason ? { reason: input.reason } : {}) };
    closeAppointment(tx, { appointmentId, patient, outcome }, now);
    const subject = { appointmentId, appointment, actor, origin };
    const action = completed ? "appointment.completed" : "appointment.noShow";
    const counted = {
      type: completed ? "appointment.completed" : "appointment.no_show",
      byActor: true,
    } as const;
    recordAction(tx, appointmentAction(subject, action, counted), now);
    return appointmentView(appointmentId, { ...appointment, ...facts, status: input.status });
  });
  logger.info(`appointment.${input.status}`, { appointmentId, by: actor.uid });
  return view;
}
