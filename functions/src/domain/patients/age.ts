import { DateTime } from "luxon";

/**
 * Age in whole years on a calendar day (both YYYY-MM-DD): the birthday counts from its own day;
 * someone born on 29 February is a year older on 1 March of a common year. Null for a date of
 * birth that is not a date or lies after the day.
 */
export function ageOn(dateOfBirth: string, day: string): number | null {
  const birth = DateTime.fromISO(dateOfBirth, { zone: "UTC" });
  const on = DateTime.fromISO(day, { zone: "UTC" });
  if (!birth.isValid || !on.isValid || birth > on) return null;
  let years = on.year - birth.year;
  const birthdayPassed = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  if (!birthdayPassed) years -= 1;
  return years;
}

/** The calendar day of an instant in a timezone (YYYY-MM-DD). */
export function dayIn(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toISODate() ?? at.toISOString().slice(0, 10);
}

/** Age in whole years at an instant, on that instant's day in `timezone`. */
export function ageAt(dateOfBirth: string, at: Date, timezone: string): number | null {
  return ageOn(dateOfBirth, dayIn(at, timezone));
}
