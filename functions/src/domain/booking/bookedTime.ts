import type { Interval } from "../scheduling/slots";

/**
 * A doctor's upcoming booked time, as kept on the availability document: end instant by start
 * instant, both epoch milliseconds (the key as a decimal string). No appointment or patient ids:
 * the availability document is public to signed-in users, and the busy times are what listSlots
 * already shows by leaving them out. A doctor has at most one appointment starting at an instant,
 * so the start names the appointment's time; ended intervals are dropped on every write, so the
 * document holds the upcoming weeks only.
 */
export type BookedStarts = Record<string, number>;

export function bookedIntervals(booked: BookedStarts, exceptStartMs?: number): Interval[] {
  return Object.entries(booked)
    .filter(([start]) => Number(start) !== exceptStartMs)
    .map(([start, end]) => ({ start: Number(start), end }));
}

/** The booked time after taking `interval` (and, when moving, giving back `freedStartMs`). */
export function withBooked(
  booked: BookedStarts,
  change: { take?: Interval; freeStartMs?: number },
  nowMs: number,
): BookedStarts {
  const next: BookedStarts = {};
  for (const [start, end] of Object.entries(booked)) {
    if (end <= nowMs || Number(start) === change.freeStartMs) continue;
    next[start] = end;
  }
  if (change.take) next[String(change.take.start)] = change.take.end;
  return next;
}

/** Booked time from appointments (the layout before it lived on the availability document). */
export function bookedStartsOf(
  appointments: Array<{ startMs: number; endMs: number }>,
  nowMs: number,
): BookedStarts {
  const booked: BookedStarts = {};
  for (const a of appointments) if (a.endMs > nowMs) booked[String(a.startMs)] = a.endMs;
  return booked;
}
