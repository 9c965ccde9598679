import { INBOUND_RATE_LIMIT } from "../../config/inbound";
import { RATE_COUNTER_KEEP_SECONDS } from "../../config/rateLimits";
import { counterId, currentWindow, decide, type RateLimitPolicy } from "../../domain/operations/rateLimit";
import { incrementCounters, readCounts } from "../../repo/rateLimits";

/**
 * Counts one inbound request (an SMS, a call step) against its phone number's limit, whatever
 * the channel: true when within it. Counted first, then read back (services/callable/rateLimit.ts
 * does the same for callables), so concurrent requests cannot all pass. `key` names the number
 * without writing it (domain/contacts/verification.ts `phoneKey`).
 */
export async function countInbound(
  key: string,
  now: Date,
  policy: RateLimitPolicy = INBOUND_RATE_LIMIT,
): Promise<boolean> {
  const window = currentWindow(policy, now.getTime());
  const id = counterId("inbound", { kind: "number", key }, window.index);
  await incrementCounters(
    [{ id, scope: "inbound", subject: "number", window, keepSeconds: RATE_COUNTER_KEEP_SECONDS }],
    1,
  );
  const [count] = await readCounts([[id]]);
  return decide({ windowIndex: window.index, count }, policy, now.getTime()).allowed;
}
