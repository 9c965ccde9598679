import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import type { BookRequest } from "../../schemas/scheduling";
import type { AppointmentView } from "../../services/booking/appointmentView";
import { bookAppointment } from "../../services/booking/bookAppointment";
import { actingFor } from "../../services/care/actingFor";

/**
 * A patient books a slot: one optimistic commit re-validates the slot against the doctor's
 * availability and booked time and the patient's open bookings, and writes the booking with its
 * audit entry, the patient's rate-limit count and idempotent answer (services/booking/bookAppointment.ts).
 * A retry with the same idempotency key answers the appointment as it is now.
 */
export async function book({
  actor: caller,
  input,
  now,
  origin,
}: Call<BookRequest>): Promise<AppointmentView> {
  // A health worker or a family account's holder books for a patient with onBehalfOf (issue 15).
  const actor = await actingFor(caller, input.onBehalfOf);
  const { view, fresh } = await bookAppointment(
    {
      actor,
      doctorUid: input.doctorUid,
      startMs: Date.parse(input.start),
      mode: input.mode,
      idempotencyKey: input.idempotencyKey,
      origin,
    },
    now,
  );
  const { appointmentId, doctorUid } = view;
  if (fresh)
    logger.info("appointment.booked", {
      appointmentId,
      doctorUid,
      patientUid: view.patientUid,
      by: actor.uid,
    });
  return view;
}
