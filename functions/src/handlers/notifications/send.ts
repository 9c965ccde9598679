import { randomUUID } from "node:crypto";
import { logger } from "firebase-functions";
import { SCHEDULER_BATCH } from "../../config/notifications";
import type { MessageTransport } from "../../domain/notifications/transport";
import type { OutboxState, SendOutcome } from "../../domain/notifications/outbox";
import { claimMessage, dueMessageIds, isOptedOut, recordSendOutcome } from "../../repo/outbox";

/**
 * One delivery attempt of one outbox message: claim it (a transaction with a lease), send
 * outside any transaction, record the outcome (a transaction that checks the lease is still
 * ours). Two workers at once: one claims, the other finds nothing to do.
 */
export async function processMessage(
  id: string,
  now: Date,
  transport: MessageTransport,
  statusCallbackUrl: string,
): Promise<OutboxState | "skipped"> {
  const owner = randomUUID();
  const message = await claimMessage(id, now, owner);
  if (!message) return "skipped";
  const outcome: SendOutcome =
    !message.required && (await isOptedOut(message.to))
      ? { ok: false, retryable: false, code: "opted-out", message: "the recipient opted out (STOP)" }
      : await transport.send({
          channel: message.channel,
          to: message.to,
          body: message.body,
          statusCallbackUrl,
        });
  const state = await recordSendOutcome(id, owner, message.attempts, outcome, now);
  logger.info(`outbox.${state ?? "leaseLost"}`, {
    messageId: id,
    kind: message.kind,
    attempt: message.attempts,
    ...(outcome.ok ? {} : { code: outcome.code }),
  });
  return state ?? "skipped";
}

/** Due retries and messages whose worker died: the scheduled sweep, also callable directly. */
export async function sweepOutbox(now: Date, transport: MessageTransport, statusCallbackUrl: string) {
  const ids = await dueMessageIds(now, SCHEDULER_BATCH);
  const results: Record<string, number> = {};
  for (const id of ids) {
    const state = await processMessage(id, now, transport, statusCallbackUrl);
    results[state] = (results[state] ?? 0) + 1;
  }
  return { looked: ids.length, ...results };
}
