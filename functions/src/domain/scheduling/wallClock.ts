import { DateTime } from "luxon";

/**
 * Wall-clock minutes of a local date as instants in the doctor's zone, through luxon: what the
 * slot generator (slots.ts), its reference (slots.reference.ts) and the schedule-change check
 * (affected.ts) share. An interval bound in a skipped hour moves forward with the clocks; a grid
 * point there does not exist; a wall time that occurs twice means its first occurrence.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MINUTE = 60_000;

/** "HH:MM" (or "24:00") as minutes after midnight. */
export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The wall-clock time on a local date as an instant, or null when that time does not exist
 * there (the hour skipped when clocks spring forward). An ambiguous time (the repeated hour
 * when clocks fall back) resolves to its first occurrence, so it is offered once.
 */
function localInstant(date: DateTime, minutes: number): DateTime | null {
  if (minutes === 24 * 60) return date.plus({ days: 1 }).startOf("day");
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const t = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute },
    { zone: date.zone },
  );
  // Luxon moves a time that does not exist forward; such a time is not offered.
  if (!t.isValid || t.hour !== hour || t.minute !== minute) return null;
  return firstOccurrence(t);
}

/**
 * Luxon resolves a wall time that occurs twice (clocks falling back) to its later instant;
 * take the earlier one, as Temporal's "compatible" disambiguation does. DST shifts are 30, 60
 * or (Antarctica/Troll) 120 minutes.
 */
function firstOccurrence(t: DateTime): DateTime {
  for (const minutes of [120, 60, 30]) {
    const earlier = t.minus({ minutes });
    if (earlier.hour === t.hour && earlier.minute === t.minute && earlier.day === t.day) return earlier;
  }
  return t;
}

/** An interval bound as an instant; a wall time that does not exist moves forward, as clocks do. */
export function boundInstant(date: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return date.plus({ days: 1 }).startOf("day").toMillis();
  const t = DateTime.fromObject(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: Math.floor(minutes / 60),
      minute: minutes % 60,
    },
    { zone: date.zone },
  );
  return firstOccurrence(t).toMillis();
}

/**
 * Maps wall-clock minutes of one local date to instants. A day of exactly 24 hours that starts
 * at 00:00 has no offset change, so minutes map linearly; any other day goes through the
 * timezone library minute by minute.
 */
export function dayClock(day: DateTime) {
  const start = day.startOf("day");
  const next = day.plus({ days: 1 }).startOf("day");
  const linear =
    start.hour === 0 && start.minute === 0 && next.toMillis() - start.toMillis() === 24 * 60 * MINUTE;
  const base = start.toMillis();
  return {
    linear,
    /** The instant of a wall time that exists, or null in a skipped hour. */
    at: (minutes: number): number | null =>
      linear ? base + minutes * MINUTE : (localInstant(day, minutes)?.toMillis() ?? null),
    /** An interval bound; a skipped wall time moves forward with the clocks. */
    bound: (minutes: number): number => (linear ? base + minutes * MINUTE : boundInstant(day, minutes)),
  };
}
