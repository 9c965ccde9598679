import type { Transaction } from "firebase-admin/firestore";
import { patientCard, type PatientCard } from "../../domain/patients/card";
import { MalformedDocumentError } from "../../repo/converter";
import { getPatient } from "../../repo/patients";
import type { AppointmentDoc } from "../../repo/appointments";

/**
 * The patient card on a new appointment (docs/patient-chart.md): name, sex and age on the visit's
 * day, from the patient's profile, so a doctor's day needs no read per patient. Written by the
 * appointment-created trigger (handlers/booking/confirmBooking.ts) in the transaction that
 * confirms the booking, off the patient's wait: `book` itself reads no profile. The card is the
 * patient's: with `onBehalfOf`, the patient acted for, not the helper. A patient without a profile
 * books as before, with no card; a later profile edit adds it (handlers/chart/refreshPatientCards.ts).
 */
export async function cardFor(
  tx: Transaction,
  appointment: Pick<AppointmentDoc, "patientUid" | "start" | "timezone">,
): Promise<PatientCard | null> {
  // A profile the code cannot read costs the card, never the confirmation.
  const profile = await getPatient(appointment.patientUid, tx).catch((error: unknown) => {
    if (error instanceof MalformedDocumentError) return null;
    throw error;
  });
  return patientCard(profile, appointment.start.toDate(), appointment.timezone);
}
