import { factsOf, getAppointment } from "../../repo/appointments";
import { appointmentView, type AppointmentView } from "./appointmentView";

/**
 * The answer to a replayed call (same idempotency key): the appointment it made or moved, as it
 * is now. The recorded answer says what the first call did; a replay after a cancellation or a
 * later move must not answer the stale "booked at this time" (issue 13), so the appointment is
 * read again. The recorded answer stands only if the appointment is gone.
 */
export async function replayedView(recorded: AppointmentView): Promise<AppointmentView> {
  const appointment = await getAppointment(recorded.appointmentId);
  if (!appointment) return recorded;
  return appointmentView(recorded.appointmentId, { ...appointment, ...factsOf(appointment) });
}
