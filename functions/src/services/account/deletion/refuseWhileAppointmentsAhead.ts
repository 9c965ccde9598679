import { findPatientBookings } from "../../../repo/appointments";
import { appError } from "../../../schemas/errors";

/**
 * Step 1. Nothing is deleted while an appointment is still ahead: the patient cancels it first, so
 * the slot goes back to the doctor and the doctor is told.
 */
export async function refuseWhileAppointmentsAhead(patientUid: string, now: Date): Promise<void> {
  const booked = await findPatientBookings(patientUid);
  const ahead = booked.filter((appointment) => appointment.end.toMillis() > now.getTime());
  if (ahead.length)
    throw appError(
      "failed-precondition",
      "appointments-ahead",
      `cancel your ${ahead.length} upcoming appointment(s) first`,
    );
}
