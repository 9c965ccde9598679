import { randomUUID } from "node:crypto";
import { logger } from "firebase-functions";
import { createTwilioTransport } from "../../adapters/messaging/twilio";
import { SCHEDULER_BATCH, statusCallbackUrl, twilioSettings } from "../../config/notifications";
import type { OutboxState, SendOutcome } from "../../domain/notifications/outbox";
import { prescriptionOfMessage } from "../../domain/prescriptions/messages";
import type { MessageTransport } from "../../domain/notifications/transport";
import { errorCode } from "../../domain/shared/errorCode";
import {
  claimOutboxMessage,
  findDueOutboxMessageIds,
  findNextInConversation,
  parkOutboxMessage,
  saveSendOutcome,
  type OutboxDoc,
} from "../../repo/outbox";
import { isOptedOut } from "../../repo/optOuts";

/** How messages leave: the transport, and where the provider reports delivery. */
export interface Delivery {
  transport: MessageTransport;
  statusCallbackUrl: string;
}

/** The deployed delivery: Twilio, with the secrets of the calling function (config/notifications.ts). */
export function twilioDelivery(): Delivery {
  return { transport: createTwilioTransport(twilioSettings()), statusCallbackUrl: statusCallbackUrl() };
}

/**
 * One delivery attempt of one outbox message: claim it (a transaction with a lease), send
 * outside any transaction, save the outcome (a transaction that checks the lease is still
 * ours). Two workers at once: one claims, the other finds nothing to do.
 */
export async function sendOutboxMessage(
  id: string,
  now: Date,
  delivery: Delivery = twilioDelivery(),
): Promise<OutboxState | "skipped" | "waiting"> {
  // A prescription's link is sent once its PDF is stored: issuePrescription leaves it to the
  // first that needs it, which is usually this message (loaded here, for these messages only).
  const prescriptionId = prescriptionOfMessage(id);
  if (prescriptionId) {
    const { ensurePrescriptionPdf } = await import("../../services/prescriptions/prescriptionPdf");
    await ensurePrescriptionPdf(prescriptionId);
  }
  const owner = randomUUID();
  const message = await claimOutboxMessage(id, now, owner);
  if (message === "abandoned") {
    logger.error("outbox.abandoned", { messageId: id });
    return "failed";
  }
  if (message === "waiting") {
    logger.info("outbox.waiting", { messageId: id });
    return "waiting";
  }
  if (!message) return "skipped";
  const outcome = await attemptSend(message, delivery);
  const state = await saveSendOutcome({ id, owner, attempts: message.attempts, outcome }, now);
  logger.info(`outbox.${state ?? "leaseLost"}`, {
    messageId: id,
    kind: message.kind,
    attempt: message.attempts,
    ...(outcome.ok ? {} : { code: outcome.code }),
  });
  if (state === "sent" || state === "failed") await sendNextInConversation(id, message, now, delivery);
  return state ?? "skipped";
}

/**
 * A message about the same appointment to the same number, written after this one, may have
 * waited for it (repo/outbox.ts claimOutboxMessage): it goes now, and the one after it once it is
 * done. One that is not due yet (held for quiet hours, a retry's backoff) is left to the sweep;
 * one that cannot go is logged by id and left to the sweep too: this message is sent either way.
 */
async function sendNextInConversation(
  id: string,
  message: OutboxDoc,
  now: Date,
  delivery: Delivery,
): Promise<void> {
  try {
    const next = await findNextInConversation(id, message);
    if (next) await sendOutboxMessage(next, now, delivery);
  } catch (error) {
    logger.error("outbox.nextFailed", { messageId: id, code: errorCode(error) });
  }
}

/**
 * The send itself. The transport never throws for a delivery failure; anything that throws
 * here anyway (the opt-out lookup, a number no document id can hold, a bug) is a retryable
 * `send-error`, so the message follows its backoff and fails after its last attempt instead of
 * stopping whoever sends it.
 */
async function attemptSend(message: OutboxDoc, delivery: Delivery): Promise<SendOutcome> {
  try {
    if (!message.required && (await isOptedOut(message.to)))
      return { ok: false, retryable: false, code: "opted-out", message: "the recipient opted out (STOP)" };
    return await delivery.transport.send({
      channel: message.channel,
      to: message.to,
      body: message.body,
      statusCallbackUrl: delivery.statusCallbackUrl,
    });
  } catch (error) {
    return { ok: false, retryable: true, code: "send-error", message: errorCode(error) };
  }
}

/**
 * Due retries, messages whose worker died and pending ones their trigger never claimed: the
 * scheduled sweep, also run by hand. One message never stops it: a message that throws is
 * counted as `error` and logged by id (it comes back after its lease or backoff, and fails
 * after its last attempt); one that cannot be read at all is parked as `failed` at once.
 */
/** What the sweep counts: each message's resulting state, or that it threw, or was parked. */
export type SweepOutcome = OutboxState | "skipped" | "waiting" | "error" | "parked";

export async function retryOutboxMessages(now: Date, delivery: Delivery = twilioDelivery()) {
  const ids = await findDueOutboxMessageIds(now, SCHEDULER_BATCH);
  // By outcome, each present only when it happened: typed by its keys, so that the answer of
  // runScheduledWork says which counts it may carry (schemas/responses/operations.ts).
  const results: Partial<Record<SweepOutcome, number>> = {};
  const count = (key: SweepOutcome) => (results[key] = (results[key] ?? 0) + 1);
  for (const id of ids) {
    try {
      count(await sendOutboxMessage(id, now, delivery));
    } catch (error) {
      const code = errorCode(error);
      count("error");
      const parked =
        code === "malformed-document" && (await parkOutboxMessage(id, code, now).catch(() => false));
      if (parked) count("parked");
      logger.error(parked ? "outbox.parked" : "outbox.sweepFailed", { messageId: id, code });
    }
  }
  return { looked: ids.length, ...results };
}
