import { factsOf, getAppointment } from "../../repo/appointments";
import { appointmentView, type AppointmentView } from "./appointmentView";

/**
 * The answer to a replayed call (same idempotency key): the appointment it made or moved, as it
 * is now. The recorded answer says what the first call did; a replay after a cancellation or a
 * later move must not answer the stale "booked at this time" (issue 13), so the appointment is
 * read again. The recorded answer stands only if the appointment is gone.
 */
export async function replayedView(recorded: AppointmentView): Promise<AppointmentView> {
  return (await currentView(recorded.appointmentId)) ?? recorded;
}

/** The appointment as it is now, or null when it is gone. */
export async function currentView(appointmentId: string): Promise<AppointmentView | null> {
  const appointment = await getAppointment(appointmentId);
  if (!appointment) return null;
  return appointmentView(appointmentId, { ...appointment, ...factsOf(appointment) });
}
