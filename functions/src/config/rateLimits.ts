import type { RateLimitPolicy } from "../domain/operations/rateLimit";

/**
 * Callables that cost (Firestore transactions, Storage, PDF rendering, third-party tokens), and
 * every callable that makes the platform send a message (booking, reschedule, cancel, prescription,
 * phoneVerification): nobody can make it text a number without limit.
 */
export type RateLimitedAction =
  | "booking"
  | "reschedule"
  | "cancel"
  | "upload"
  | "videoToken"
  | "export"
  | "fhirRead"
  | "prescription"
  | "phoneVerification"
  /** Codes a health worker or a family account's holder makes the platform text (issue 15). */
  | "careCode"
  /** Public prescription lookups by short code (the verification page), per client. */
  | "rxLookup";

export interface ActionLimits {
  /** Per signed-in user. */
  user: RateLimitPolicy;
  /** Per organisation (the actor's `org` claim); patients have none and are limited per user only. */
  org: RateLimitPolicy;
  /**
   * Per phone number the action sends to, whoever asks (services/callable/rateLimit.ts
   * `enforceNumberRateLimit`): many accounts cannot together flood one number.
   */
  number?: RateLimitPolicy;
  /** Per client of a public endpoint (services/callable/rateLimit.ts `enforceClientRateLimit`). */
  client?: RateLimitPolicy;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Far above what a person does, low enough to stop a script. A patient books a handful of
 * appointments a month (and holds at most 3 upcoming) and moves one now and then; a doctor may
 * cancel a whole clinic session one appointment at a time; a video call that drops is joined
 * again (each join mints tokens); a doctor writes a few prescriptions an hour; an export zips
 * every file of the patient and is asked for rarely; a code to prove a number is asked for once,
 * again if it did not arrive, and a family sharing one phone proves it once each.
 */
export const RATE_LIMITS: Record<RateLimitedAction, ActionLimits> = {
  booking: { user: { limit: 10, windowSeconds: HOUR }, org: { limit: 500, windowSeconds: HOUR } },
  reschedule: { user: { limit: 10, windowSeconds: DAY }, org: { limit: 500, windowSeconds: HOUR } },
  cancel: { user: { limit: 40, windowSeconds: HOUR }, org: { limit: 500, windowSeconds: HOUR } },
  upload: { user: { limit: 30, windowSeconds: HOUR }, org: { limit: 1000, windowSeconds: HOUR } },
  videoToken: { user: { limit: 30, windowSeconds: HOUR }, org: { limit: 2000, windowSeconds: HOUR } },
  export: { user: { limit: 3, windowSeconds: DAY }, org: { limit: 100, windowSeconds: DAY } },
  // A doctor reads the records of the patients who consented, a few an hour at most.
  fhirRead: { user: { limit: 30, windowSeconds: HOUR }, org: { limit: 500, windowSeconds: HOUR } },
  prescription: { user: { limit: 60, windowSeconds: HOUR }, org: { limit: 1000, windowSeconds: HOUR } },
  phoneVerification: {
    user: { limit: 5, windowSeconds: HOUR },
    org: { limit: 200, windowSeconds: HOUR },
    number: { limit: 10, windowSeconds: DAY },
  },
  // A health worker registers and asks the consent of a village's patients in an afternoon; one
  // number gets a code or two (a retry), like a number being proven.
  careCode: {
    user: { limit: 40, windowSeconds: HOUR },
    org: { limit: 400, windowSeconds: HOUR },
    number: { limit: 10, windowSeconds: DAY },
  },
  // A counter checks a few prescriptions a minute; a script guessing codes is stopped at 30.
  rxLookup: {
    user: { limit: 0, windowSeconds: HOUR },
    org: { limit: 0, windowSeconds: HOUR },
    client: { limit: 30, windowSeconds: 60 },
  },
};

/**
 * An organisation's counter is split over this many documents (each request increments one at
 * random, a check reads them all): a busy clinic's requests do not all write one document.
 */
export const ORG_COUNTER_SHARDS = 4;

/** Counters are deleted by the TTL policy on `expireAt` this long after their window ends. */
export const RATE_COUNTER_KEEP_SECONDS = HOUR;

/**
 * The limits for an action. In the Functions emulator only (FUNCTIONS_EMULATOR=true),
 * RATE_LIMIT_SCALE (functions/.env.local) multiplies every limit, so tests and benches that book
 * hundreds of times in a minute are not refused; production ignores it.
 */
export function rateLimitsFor(action: RateLimitedAction, env: NodeJS.ProcessEnv = process.env): ActionLimits {
  const base = RATE_LIMITS[action];
  const scale = env.FUNCTIONS_EMULATOR === "true" ? Number(env.RATE_LIMIT_SCALE ?? "1") : 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale === 1) return base;
  const scaled = (p: RateLimitPolicy): RateLimitPolicy => ({
    limit: Math.round(p.limit * scale),
    windowSeconds: p.windowSeconds,
  });
  return {
    user: scaled(base.user),
    org: scaled(base.org),
    ...(base.number ? { number: scaled(base.number) } : {}),
    ...(base.client ? { client: scaled(base.client) } : {}),
  };
}
