import type { Interval } from "../scheduling/slots";

/**
 * Slots held by a reschedule in flight (services/booking/slotHold.ts), kept on the doctor's
 * schedule document (their availability) next to the booked time, by start instant (epoch ms as a
 * decimal string). A hold blocks its slot for bookings and listings until its lease ends; the move
 * that made it turns it into booked time in its transaction, or gives it back. Like the booked
 * time, no appointment or patient ids: the schedule is public to signed-in users. `claim` names one
 * attempt (random); `call`, when the move carries an idempotency key, is a one-way tag of (user,
 * key, request), so that a retry of the same call waits for the first attempt's answer.
 */
export interface Hold {
  end: number;
  /** The lease: epoch ms after which the hold no longer blocks (its holder died). */
  until: number;
  claim: string;
  call?: string;
}
export type HeldTime = Record<string, Hold>;

const live = (hold: Hold, nowMs: number) => hold.until >= nowMs;

/** The live hold at this start instant, if any. */
export function holdAt(held: HeldTime | undefined, startMs: number, nowMs: number): Hold | null {
  const hold = held?.[String(startMs)];
  return hold && live(hold, nowMs) ? hold : null;
}

/** The intervals live holds occupy, except the one of `exceptClaim` (the move's own hold). */
export function heldIntervals(held: HeldTime | undefined, nowMs: number, exceptClaim?: string): Interval[] {
  return Object.entries(held ?? {})
    .filter(([, h]) => live(h, nowMs) && h.claim !== exceptClaim)
    .map(([start, h]) => ({ start: Number(start), end: h.end }));
}

/** The held time after adding (or replacing) the hold at `startMs` and removing the holds whose lease ended. */
export function withHold(held: HeldTime | undefined, startMs: number, hold: Hold, nowMs: number): HeldTime {
  return { ...withoutHold(held, undefined, nowMs), [String(startMs)]: hold };
}

/** The held time without the hold of `claim` (when given) and without the holds whose lease ended. */
export function withoutHold(held: HeldTime | undefined, claim: string | undefined, nowMs: number): HeldTime {
  const next: HeldTime = {};
  for (const [start, hold] of Object.entries(held ?? {}))
    if (live(hold, nowMs) && hold.claim !== claim) next[start] = hold;
  return next;
}

/** True when some hold's lease has ended (a write to the schedule may as well drop it). */
export function hasEndedHolds(held: HeldTime | undefined, nowMs: number): boolean {
  return Object.values(held ?? {}).some((h) => !live(h, nowMs));
}
