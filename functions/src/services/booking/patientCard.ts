import { patientCard, type CardSource } from "../../domain/patients/card";
import { getPatient } from "../../repo/patients";
import type { AppointmentDoc } from "../../repo/appointments";

/**
 * The booking's hook for the patient card (docs/patient-chart.md): the profile is read once per
 * booking, in parallel with the booking's own reads (one more document read, no more waiting), and the card (name, sex, age on the visit's day) is
 * put on the appointment it writes, so a doctor's day needs no read per patient. A patient
 * without a profile books as before, with no card; a later profile edit adds it
 * (handlers/chart/refreshPatientCards.ts).
 */
export async function readCardSource(patientUid: string): Promise<CardSource | null> {
  // A profile the code cannot read costs the card, never the booking.
  return getPatient(patientUid).catch(() => null);
}

export function withPatientCard(appointment: AppointmentDoc, profile: CardSource | null): AppointmentDoc {
  const card = patientCard(profile, appointment.start.toDate(), appointment.timezone);
  return card ? { ...appointment, patient: card } : appointment;
}
