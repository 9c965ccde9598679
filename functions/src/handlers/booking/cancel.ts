import { logger } from "firebase-functions";
import { BOOKING_POLICY } from "../../config/booking";
import { cancellerRole, checkCanCancel } from "../../domain/booking/policy";
import type { Call } from "../../registry/define";
import { factsOf } from "../../repo/appointments";
import { runTransaction } from "../../repo/transaction";
import type { CancelRequest } from "../../schemas/scheduling";
import { appError, refusalError } from "../../schemas/errors";
import { actingFor } from "../../services/care/actingFor";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { readForCancel, writeCancel } from "../../services/booking/cancelAppointment";

/**
 * The patient (before the cut-off), the doctor or an admin of the clinic (with a reason)
 * cancels; the slot's booked time is freed in the same transaction, so the slot is offered again
 * (services/booking/cancelAppointment.ts). Cancelling an appointment that is already cancelled
 * answers with it, so retries are safe.
 */
export async function cancel({
  actor: caller,
  input,
  now,
  origin,
}: Call<CancelRequest>): Promise<AppointmentView> {
  // A doctor or admin cancels as the clinic; a patient, or their helper with onBehalfOf, as the patient.
  const actor =
    input.onBehalfOf === undefined && caller.role !== "healthWorker"
      ? caller
      : await actingFor(caller, input.onBehalfOf);
  const { appointmentId } = input;
  const { view, fresh } = await runTransaction(async (tx) => {
    // The doctor is told when the patient cancels (the clinic's own cancellations they know of).
    const read = await readForCancel(tx, appointmentId, {
      clinicianNotice: (appointment) => cancellerRole(actor, factsOf(appointment)) === "patient",
    });
    if (!read) throw appError("not-found", "appointment-not-found", "no such appointment");
    const { appointment } = read;
    const facts = factsOf(appointment);
    // A retry of a cancel that went through: same answer, nothing written.
    if (appointment.status === "cancelled" && cancellerRole(actor, facts)) {
      return { view: appointmentView(appointmentId, { ...appointment, ...facts }), fresh: false };
    }
    const refusal = checkCanCancel(actor, facts, input.reason, now, BOOKING_POLICY);
    if (refusal) throw refusalError(refusal);
    const byClinic = cancellerRole(actor, facts) === "clinic";
    // The clinic cancelling is a message the patient must get, even after STOP.
    const cancelled = writeCancel(
      tx,
      read,
      {
        actor,
        origin,
        reason: input.reason,
        cancelledBy: byClinic ? "clinic" : "patient",
        required: byClinic,
      },
      now,
    );
    return { view: cancelled, fresh: true };
  });
  if (fresh)
    logger.info("appointment.cancelled", {
      appointmentId: view.appointmentId,
      by: actor.uid,
      role: actor.role,
    });
  return view;
}
