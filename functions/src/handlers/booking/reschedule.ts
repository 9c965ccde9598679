import { logger } from "firebase-functions";
import { BOOKING_POLICY } from "../../config/booking";
import { checkCanReschedule } from "../../domain/booking/policy";
import type { Call } from "../../registry/define";
import { factsOf } from "../../repo/appointments";
import type { RescheduleRequest } from "../../schemas/scheduling";
import { actingFor } from "../../services/care/actingFor";
import type { AppointmentView } from "../../services/booking/appointmentView";
import { moveAppointment } from "../../services/booking/moveAppointment";

/**
 * The patient moves their appointment to another slot of the same doctor, before the cut-off
 * (services/booking/moveAppointment.ts: the new slot is held on the doctor's schedule, then one
 * transaction re-validates and swaps the booked time, so the old slot is free exactly when the new
 * one is taken).
 */
export async function reschedule({
  actor: caller,
  input,
  now,
  origin,
}: Call<RescheduleRequest>): Promise<AppointmentView> {
  const actor = await actingFor(caller, input.onBehalfOf);
  const { appointmentId } = input;
  const { view, fresh } = await moveAppointment(
    {
      appointmentId,
      startMs: Date.parse(input.start),
      actor,
      origin,
      idempotencyKey: input.idempotencyKey,
      authorise: (appointment) => checkCanReschedule(actor, factsOf(appointment), now, BOOKING_POLICY),
    },
    now,
  );
  if (fresh) logger.info("appointment.rescheduled", { appointmentId: view.appointmentId, by: actor.uid });
  return view;
}
