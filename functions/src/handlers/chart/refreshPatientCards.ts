import { logger } from "firebase-functions/v2";
import { patientCard, sameCard, type PatientCard } from "../../domain/patients/card";
import { findPatientCards, setPatientCards } from "../../repo/appointments";
import { getPatient } from "../../repo/patients";
import { recipientPrefsOf, type RecipientPrefs } from "../../services/notifications/appointmentMessages";

const asCard = (value: unknown): PatientCard | null =>
  value && typeof value === "object" ? (value as PatientCard) : null;

/** The language and channel an appointment's reminders follow, when it carries them. */
const asPrefs = (value: unknown): RecipientPrefs | null =>
  value && typeof value === "object" ? (value as RecipientPrefs) : null;

const samePrefs = (a: RecipientPrefs, b: RecipientPrefs) =>
  a.language === b.language && a.notifyBy === b.notifyBy;

/**
 * After a patient's profile changed (triggers/firestore/refreshPatientCards.ts): every appointment
 * of theirs whose card no longer says what the profile says gets the new card (the age counted on
 * each visit's day); with no profile (erased), the card is removed. Likewise the language and
 * channel its reminders follow (`reminderContext`, written with the confirmation), where it has
 * them. The profile is read again here rather than taken from the event, so a late or repeated
 * delivery writes the current card.
 */
export async function refreshPatientCards(patientUid: string): Promise<number> {
  const [profile, appointments] = await Promise.all([
    getPatient(patientUid).catch(() => null),
    findPatientCards(patientUid),
  ]);
  const prefs = recipientPrefsOf(profile);
  const changes = appointments.flatMap((a) => {
    const card = patientCard(profile, a.start.toDate(), a.timezone);
    const cardChanged = !sameCard(card, asCard(a.patient));
    const stamped = asPrefs(a.reminderContext);
    const prefsChanged = stamped !== null && !samePrefs(prefs, stamped);
    if (!cardChanged && !prefsChanged) return [];
    return [{ id: a.id, ...(cardChanged && { patient: card }), ...(prefsChanged && { prefs }) }];
  });
  await setPatientCards(changes);
  if (changes.length) logger.info("appointment.patientCardsRefreshed", { patientUid, count: changes.length });
  return changes.length;
}
