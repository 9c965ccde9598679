import { logger } from "firebase-functions";
import {
  ORG_COUNTER_SHARDS,
  RATE_COUNTER_KEEP_SECONDS,
  rateLimitsFor,
  type ActionLimits,
  type RateLimitedAction,
} from "../../config/rateLimits";
import type { Actor } from "../../domain/identity/actor";
import {
  combine,
  counterId,
  currentWindow,
  decide,
  type RateLimitPolicy,
  type RateSubject,
} from "../../domain/operations/rateLimit";
import { incrementCounters, readCounts, type CounterWrite } from "../../repo/rateLimits";
import { appError } from "../../schemas/errors";

const WHAT: Record<RateLimitedAction, string> = {
  booking: "booking requests",
  reschedule: "reschedules",
  cancel: "cancellations",
  phoneVerification: "verification codes",
  upload: "upload requests",
  videoToken: "video joins",
  export: "data exports",
  prescription: "prescriptions",
  careCode: "consent and handover codes",
  rxLookup: "prescription checks",
  fhirRead: "record reads",
};

interface Check {
  by: RateSubject["kind"];
  policy: RateLimitPolicy;
  /** The counter's shards; the request is counted on `write`. */
  ids: string[];
  write: CounterWrite;
  nowMs: number;
}

function checkFor(
  action: RateLimitedAction,
  subject: RateSubject,
  policy: RateLimitPolicy,
  shards: number,
  nowMs: number,
): Check {
  const window = currentWindow(policy, nowMs);
  const ids =
    shards <= 1
      ? [counterId(action, subject, window.index)]
      : Array.from({ length: shards }, (_, s) => counterId(action, subject, window.index, s));
  const id = ids[Math.floor(Math.random() * ids.length)];
  return {
    by: subject.kind,
    policy,
    ids,
    write: { id, scope: action, subject: subject.kind, window, keepSeconds: RATE_COUNTER_KEEP_SECONDS },
    nowMs,
  };
}

/**
 * Counts this request against the action's limits for the user and, for staff, for their
 * organisation (config/rateLimits.ts), or refuses it with `resource-exhausted` and
 * `details.retryAfterSeconds`. Call it right after `requireActor`.
 *
 * The request is counted first (one batch of increments), then the counters are read back (one
 * getAll): of any number of concurrent requests at most `limit` see a count within the limit, so
 * the limit holds exactly without a transaction. A refused request gives its counts back, so a
 * client retrying in a loop does not push its own window further. The organisation's counter is
 * sharded (ORG_COUNTER_SHARDS documents, summed on read).
 *
 * Costs per call: 1 write and 1 read for a patient; 2 writes and 1 + shards reads for staff.
 */
export async function enforceRateLimit(
  actor: Actor,
  action: RateLimitedAction,
  now: Date = new Date(),
  limits: ActionLimits = rateLimitsFor(action),
): Promise<void> {
  const nowMs = now.getTime();
  const checks: Check[] = [checkFor(action, { kind: "user", uid: actor.uid }, limits.user, 1, nowMs)];
  if (actor.org)
    checks.push(checkFor(action, { kind: "org", org: actor.org }, limits.org, ORG_COUNTER_SHARDS, nowMs));
  await countOrRefuse(actor, action, checks);
}

/**
 * Counts a message to one phone number against the action's per-number limit
 * (`ActionLimits.number`), whoever asks, or refuses it with `resource-exhausted`: many accounts
 * together cannot flood one number. `numberKey` names the number without writing it
 * (domain/contacts/verification.ts `phoneKey`). Call it once the request is parsed, before the
 * message is queued.
 */
export async function enforceNumberRateLimit(
  actor: Actor,
  action: RateLimitedAction,
  numberKey: string,
  now: Date = new Date(),
  policy: RateLimitPolicy | undefined = rateLimitsFor(action).number,
): Promise<void> {
  await countKeyed(actor, action, { kind: "number", key: numberKey }, policy, now);
}

/**
 * Counts a public request against the action's per-client limit (`ActionLimits.client`), or
 * refuses it with `resource-exhausted` and `details.retryAfterSeconds`. `clientKey` names the
 * client without its address (a hash of it).
 */
export async function enforceClientRateLimit(
  action: RateLimitedAction,
  clientKey: string,
  now: Date = new Date(),
  policy: RateLimitPolicy | undefined = rateLimitsFor(action).client,
): Promise<void> {
  await countKeyed({ uid: null }, action, { kind: "client", key: clientKey }, policy, now);
}

/** One counter of a number or a client, under the action's limit of that kind (which it must have). */
async function countKeyed(
  asker: Asker,
  action: RateLimitedAction,
  subject: Extract<RateSubject, { key: string }>,
  policy: RateLimitPolicy | undefined,
  now: Date,
): Promise<void> {
  if (!policy) throw new Error(`rate limit: ${action} has no per-${subject.kind} limit`);
  await countOrRefuse(asker, action, [checkFor(action, subject, policy, 1, now.getTime())]);
}

/** Who asked, for the log line of a refusal. */
type Asker = { uid: string | null; org?: string | null };

async function countOrRefuse(actor: Asker, action: RateLimitedAction, checks: Check[]): Promise<void> {
  const writes = checks.map((c) => c.write);
  await incrementCounters(writes, 1);
  const counts = await readCounts(checks.map((c) => c.ids));
  const decisions = checks.map((c, i) =>
    decide({ windowIndex: c.write.window.index, count: counts[i] }, c.policy, c.nowMs),
  );
  const decision = combine(decisions);
  if (decision.allowed) return;

  await incrementCounters(writes, -1).catch((err: unknown) => {
    logger.warn("rateLimit.giveBackFailed", {
      action,
      uid: actor.uid,
      code: (err as { code?: unknown })?.code ?? null,
    });
  });
  const refusedBy = checks.filter((_, i) => !decisions[i].allowed).map((c) => c.by);
  const seconds = decision.retryAfterSeconds;
  logger.warn("rateLimit.exceeded", {
    action,
    uid: actor.uid,
    org: actor.org ?? null,
    by: refusedBy,
    retryAfterSeconds: seconds,
  });
  const whose = refusedBy.includes("user")
    ? "from your account"
    : refusedBy.includes("org")
      ? "from your organisation"
      : refusedBy.includes("client")
        ? "from this device"
        : "to this number";
  throw appError(
    "resource-exhausted",
    "rate-limited",
    `too many ${WHAT[action]} ${whose}; try again in ${seconds} s`,
    {
      retryAfterSeconds: seconds,
      retryAt: new Date(checks[0].nowMs + seconds * 1000).toISOString(),
    },
  );
}
