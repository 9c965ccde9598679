import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { Absent } from "../../domain/consultations/session";
import { updateAppointment, type AppointmentEvent } from "../../repo/appointments";
import { deleteReminders } from "../../repo/reminders";
import type { PatientBookings } from "../../repo/bookingState";
import type { Transaction } from "../../repo/transaction";

export interface Outcome {
  status: "completed" | "no_show";
  by: { uid: string; role: string };
  /** no_show only: who never joined. */
  absent?: Absent;
  /** Why, as the doctor or admin recorded it (recordOutcome). */
  reason?: string;
}

/**
 * Writes the outcome of a consultation on its appointment (recordOutcome, endConsultation, the
 * no-show and auto-end sweeps): status and history, the appointment leaves the patient's open bookings (its time stays booked on the
 * doctor's day), its reminders go. `patient` must have been read (getPatientBookings) in the
 * same transaction, before any write.
 */
export function closeAppointment(
  tx: Transaction,
  close: { appointmentId: string; patient: PatientBookings; outcome: Outcome },
  now: Date,
): void {
  const { appointmentId, patient, outcome } = close;
  const at = Timestamp.fromDate(now);
  patient.remove(appointmentId);
  patient.write(tx, { updatedAt: at });
  deleteReminders(tx, appointmentId);
  const event: AppointmentEvent = {
    event: outcome.status,
    at,
    by: outcome.by.uid,
    role: outcome.by.role,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.absent ? { absent: outcome.absent } : {}),
  };
  updateAppointment(tx, appointmentId, {
    status: outcome.status,
    updatedAt: at,
    history: FieldValue.arrayUnion(event),
    nextReminderAt: null,
    ...(outcome.absent ? { noShow: { absent: outcome.absent, at } } : {}),
  });
}
