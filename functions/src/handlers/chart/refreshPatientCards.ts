import { logger } from "firebase-functions/v2";
import { patientCard, sameCard, type PatientCard } from "../../domain/patients/card";
import { findPatientCards, setPatientCards } from "../../repo/appointments";
import { getPatient } from "../../repo/patients";

const asCard = (value: unknown): PatientCard | null =>
  value && typeof value === "object" ? (value as PatientCard) : null;

/**
 * After a patient's profile changed (triggers/firestore/refreshPatientCards.ts): every appointment
 * of theirs whose card no longer says what the profile says gets the new card (the age counted on
 * each visit's day); with no profile (erased), the card is removed. The profile is read again
 * here rather than taken from the event, so a late or repeated delivery writes the current card.
 */
export async function refreshPatientCards(patientUid: string): Promise<number> {
  const [profile, appointments] = await Promise.all([
    getPatient(patientUid).catch(() => null),
    findPatientCards(patientUid),
  ]);
  const changes = appointments.flatMap((a) => {
    const card = patientCard(profile, a.start.toDate(), a.timezone);
    return sameCard(card, asCard(a.patient)) ? [] : [{ id: a.id, patient: card }];
  });
  await setPatientCards(changes);
  if (changes.length) logger.info("appointment.patientCardsRefreshed", { patientUid, count: changes.length });
  return changes.length;
}
