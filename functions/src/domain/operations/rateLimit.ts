/**
 * Fixed-window rate limits, as plain functions of their inputs (no clock, no Firestore).
 *
 * Time is cut into windows of `windowSeconds` aligned on the Unix epoch (an hour window runs
 * from hh:00:00 UTC; a day window from 00:00 UTC). A counter belongs to one window; the request
 * being decided is counted first ("increment, then read"), so the state handed in already
 * includes it. At most `limit` requests pass per window; at a window's edge a client can pass
 * `limit` just before and `limit` just after (the known price of fixed windows, traded for one
 * counter document per window and no read-modify-write).
 */

export interface RateLimitPolicy {
  /** Requests allowed per window; 0 refuses every request. */
  limit: number;
  windowSeconds: number;
}

export interface RateWindow {
  /** floor(now / window): part of the counter's document id. */
  index: number;
  startMs: number;
  endMs: number;
}

/** What is stored: the requests counted in one window, this one included. */
export interface WindowCount {
  windowIndex: number;
  count: number;
}

export type RateDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

function checkPolicy(policy: RateLimitPolicy): void {
  if (!Number.isSafeInteger(policy.limit) || policy.limit < 0)
    throw new RangeError("rate limit: limit must be an integer >= 0");
  if (!Number.isSafeInteger(policy.windowSeconds) || policy.windowSeconds < 1) {
    throw new RangeError("rate limit: windowSeconds must be an integer >= 1");
  }
}

/** The window `nowMs` falls in. */
export function currentWindow(policy: RateLimitPolicy, nowMs: number): RateWindow {
  checkPolicy(policy);
  const size = policy.windowSeconds * 1000;
  const index = Math.floor(nowMs / size);
  return { index, startMs: index * size, endMs: (index + 1) * size };
}

/** Whole seconds until the window ends, at least 1 (a client told "0 s" would retry at once). */
export function retryAfterSeconds(window: RateWindow, nowMs: number): number {
  return Math.max(1, Math.ceil((window.endMs - nowMs) / 1000));
}

/**
 * Allowed while the window's count (this request included) is at most the limit. A state from
 * another window (or none) means this request is the window's first.
 */
export function decide(state: WindowCount | null, policy: RateLimitPolicy, nowMs: number): RateDecision {
  const window = currentWindow(policy, nowMs);
  const count = state && state.windowIndex === window.index ? Math.max(1, state.count) : 1;
  if (count <= policy.limit) return { allowed: true, remaining: policy.limit - count };
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(window, nowMs) };
}

/** Of several decisions (per user, per organisation): refused if any is, with the longest wait. */
export function combine(decisions: RateDecision[]): RateDecision {
  let remaining = Number.POSITIVE_INFINITY;
  let wait = 0;
  for (const d of decisions) {
    if (d.allowed) remaining = Math.min(remaining, d.remaining);
    else wait = Math.max(wait, d.retryAfterSeconds);
  }
  if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
  return { allowed: true, remaining: Number.isFinite(remaining) ? remaining : 0 };
}

/** Whose requests a counter counts: a user's, an organisation's, or those to one phone number (by its key). */
export type RateSubject =
  | { kind: "user"; uid: string }
  | { kind: "org"; org: string }
  | { kind: "number"; key: string }
  /** A client of a public page, by a key derived from its address (never the address itself). */
  | { kind: "client"; key: string };

/**
 * The counter's document id, `{scope}:{key}:{window}` (`booking:user-abc:493921`), with
 * `:{shard}` for a sharded counter (`booking:org-clinic1:493921:3`). Ids are URI-encoded, so a
 * `/` (not allowed in a document id) or a `:` in a uid can neither break the path nor make two
 * counters collide.
 */
export function counterId(scope: string, subject: RateSubject, windowIndex: number, shard?: number): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(scope)) throw new Error("rate limit: scope must be alphanumeric");
  if (!Number.isSafeInteger(windowIndex)) throw new Error("rate limit: window index must be an integer");
  const key =
    subject.kind === "user"
      ? `user-${encodeURIComponent(subject.uid)}`
      : subject.kind === "org"
        ? `org-${encodeURIComponent(subject.org)}`
        : `${subject.kind}-${encodeURIComponent(subject.key)}`;
  return shard === undefined ? `${scope}:${key}:${windowIndex}` : `${scope}:${key}:${windowIndex}:${shard}`;
}
