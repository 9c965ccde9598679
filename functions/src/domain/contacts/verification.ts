import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ErrorReason } from "../../schemas/errorReasons";

/**
 * Proving a phone number: a six-digit code goes to the number, and coming back with it proves the
 * user holds it. Pure: the random code and salt, the clock and the limits are arguments.
 *
 * Only a keyed hash of the code is stored (HMAC-SHA256 under a random per-code salt, bound to the
 * user and the number), and compared in constant time. A code has a few tries: the last wrong one
 * locks it, so guessing needs new codes, which are rate-limited per user and per number.
 */

/**
 * A phone number's key: how a number is named where it must not be written (the pending code,
 * rate-limit counters). A plain hash: it hides the number from a casual reader of a functions-only
 * document, not from someone who hashes every Indian mobile number, so it is never exposed either.
 */
export function phoneKey(phone: string): string {
  return createHash("sha256").update(`arogya-phone:${phone}`).digest("hex").slice(0, 32);
}

/** Six digits, leading zeros kept, from a number in [0, 1 000 000). */
export function formatCode(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 1_000_000)
    throw new RangeError("a verification code is a number below 1 000 000");
  return String(value).padStart(6, "0");
}

export interface CodeBinding {
  uid: string;
  phone: string;
  code: string;
}

/** The stored form of a code: bound to the user and the number, so it proves nothing else. */
export function hashCode(binding: CodeBinding, salt: string): string {
  return createHmac("sha256", salt)
    .update(`${binding.uid}\n${binding.phone}\n${binding.code}`)
    .digest("base64url");
}

/** Whether `binding` is the code that was stored as `expected`, in constant time. */
export function codeMatches(binding: CodeBinding, salt: string, expected: string): boolean {
  const given = Buffer.from(hashCode(binding, salt));
  const stored = Buffer.from(expected);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A pending code as the decision reads it. */
export interface PendingCode {
  state: "pending" | "locked";
  phoneKey: string;
  codeHash: string;
  salt: string;
  attempts: number;
  expiresAtMs: number;
}

export type ConfirmDecision =
  /** The number is proven: record it, discard the code. */
  | { outcome: "verified" }
  /** A wrong code with tries left: count it. */
  | { outcome: "wrong"; attempts: number; left: number }
  /** A wrong code that used the last try: count it and lock the code. */
  | { outcome: "locked"; attempts: number }
  /** Nothing to check against: nothing changes. */
  | {
      outcome: "refused";
      code: "failed-precondition" | "resource-exhausted";
      message: string;
      reason?: ErrorReason;
    };

/**
 * What a confirmation does, in this order: no code for this number (none sent, or sent to another
 * number) and a locked code are refused before the code is even looked at; an expired code is
 * refused; then the code is compared.
 */
export function decideConfirmation(
  pending: PendingCode | null,
  binding: CodeBinding,
  nowMs: number,
  maxAttempts: number,
): ConfirmDecision {
  if (!pending || pending.phoneKey !== phoneKey(binding.phone))
    return {
      outcome: "refused",
      code: "failed-precondition",
      reason: "verification-expired",
      message: "no code was sent to this number; request one first",
    };
  if (pending.state === "locked" || pending.attempts >= maxAttempts)
    return {
      outcome: "refused",
      code: "resource-exhausted",
      reason: "too-many-wrong-codes",
      message: "too many wrong codes; request a new code",
    };
  if (nowMs >= pending.expiresAtMs)
    return {
      outcome: "refused",
      code: "failed-precondition",
      reason: "verification-expired",
      message: "this code has expired; request a new one",
    };
  if (codeMatches(binding, pending.salt, pending.codeHash)) return { outcome: "verified" };
  const attempts = pending.attempts + 1;
  if (attempts >= maxAttempts) return { outcome: "locked", attempts };
  return { outcome: "wrong", attempts, left: maxAttempts - attempts };
}
