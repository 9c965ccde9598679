import { ageAt } from "./age";

/**
 * The minimal patient card an appointment carries (`appointments/{id}.patient`), so a doctor's
 * day is one query: the name, the sex and the age on the day of the visit (not the date of
 * birth). Written at booking and kept current by the profile trigger
 * (handlers/chart/refreshPatientCards.ts); removed when the account is deleted.
 */
export interface PatientCard {
  name: string;
  sex: string;
  /** Whole years on the visit's day in the appointment's timezone; null without a date of birth. */
  age: number | null;
}

export interface CardSource {
  name?: string;
  sex?: string;
  dateOfBirth?: string;
}

/** The card of a patient for a visit starting at `start`; null without a profile or a name. */
export function patientCard(profile: CardSource | null, start: Date, timezone: string): PatientCard | null {
  if (!profile?.name) return null;
  return {
    name: profile.name,
    sex: profile.sex ?? "other",
    age: profile.dateOfBirth ? ageAt(profile.dateOfBirth, start, timezone) : null,
  };
}

/** Whether two cards say the same (the trigger writes only the appointments whose card changed). */
export function sameCard(a: PatientCard | null | undefined, b: PatientCard | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.name === b.name && a.sex === b.sex && a.age === b.age;
}
