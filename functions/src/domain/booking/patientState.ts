import { currentWindow, decide, type RateLimitPolicy } from "../operations/rateLimit";

/**
 * What the booking state document of a patient holds besides their open bookings, pure: the
 * booking rate-limit window and the recent idempotent answers. One document read and written by
 * every booking of the patient, so these change in the booking's own commit.
 */

/** The count of this window's booking requests. */
export interface RateCount {
  window: number;
  count: number;
}

export type RateOutcome = { allowed: true; rate: RateCount } | { allowed: false; retryAfterSeconds: number };

/** Counts one more request in the window (refused when over the limit: then nothing is counted). */
export function countRequest(
  rate: RateCount | undefined,
  policy: RateLimitPolicy,
  nowMs: number,
): RateOutcome {
  const window = currentWindow(policy, nowMs);
  const count = (rate && rate.window === window.index ? rate.count : 0) + 1;
  const decision = decide({ windowIndex: window.index, count }, policy, nowMs);
  if (!decision.allowed) return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
  return { allowed: true, rate: { window: window.index, count } };
}

/** An idempotent call's first answer: which appointment, for which request. */
export interface RecordedAnswer {
  operation: string;
  /** sha256 of the operation and its canonical request: a key reused for another request is refused. */
  requestHash: string;
  appointmentId: string;
  /** Epoch milliseconds. */
  at: number;
}

/** Answers are kept a week, at most this many per patient (the oldest go first). */
export const ANSWER_KEEP_MS = 7 * 24 * 3600 * 1000;
export const MAX_ANSWERS = 20;

/** The answers with this one added, those older than a week or beyond the newest MAX_ANSWERS dropped. */
export function withAnswer(
  answers: Record<string, RecordedAnswer>,
  key: string,
  answer: RecordedAnswer,
  nowMs: number,
): Record<string, RecordedAnswer> {
  const kept = Object.entries({ ...answers, [key]: answer })
    .filter(([, a]) => a.at > nowMs - ANSWER_KEEP_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_ANSWERS);
  return Object.fromEntries(kept);
}
