/** Proving a phone number by a code (handlers/contacts/): how long a code lives and how many tries it gets. */

/** A code is good for this long after it was sent (the SMS says so). */
export const CODE_TTL_MINUTES = 10;

/**
 * Wrong codes allowed per code: the last one locks it, and only a new code (itself limited per
 * user and per number, config/rateLimits.ts) starts again. With 5 tries and 5 codes an hour, a
 * guesser has 25 chances in a million an hour.
 */
export const MAX_CODE_ATTEMPTS = 5;

/** A pending or locked code is deleted by the TTL policy this long after it was sent. */
export const VERIFICATION_KEEP_HOURS = 24;
