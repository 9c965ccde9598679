import { randomUUID } from "node:crypto";
import { logger } from "firebase-functions";
import { createTwilioTransport } from "../../adapters/messaging/twilio";
import { SCHEDULER_BATCH, statusCallbackUrl, twilioSettings } from "../../config/notifications";
import type { OutboxState, SendOutcome } from "../../domain/notifications/outbox";
import { prescriptionOfMessage } from "../../domain/prescriptions/messages";
import type { MessageTransport } from "../../domain/notifications/transport";
import { claimOutboxMessage, findDueOutboxMessageIds, saveSendOutcome } from "../../repo/outbox";
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
): Promise<OutboxState | "skipped"> {
  // A prescription's link is sent once its PDF is stored: issuePrescription leaves it to the
  // first that needs it, which is usually this message (loaded here, for these messages only).
  const prescriptionId = prescriptionOfMessage(id);
  if (prescriptionId) {
    const { ensurePrescriptionPdf } = await import("../../services/prescriptions/prescriptionPdf");
    await ensurePrescriptionPdf(prescriptionId);
  }
  const owner = randomUUID();
  const message = await claimOutboxMessage(id, now, owner);
  if (!message) return "skipped";
  const outcome: SendOutcome =
    !message.required && (await isOptedOut(message.to))
      ? { ok: false, retryable: false, code: "opted-out", message: "the recipient opted out (STOP)" }
      : await delivery.transport.send({
          channel: message.channel,
          to: message.to,
          body: message.body,
          statusCallbackUrl: delivery.statusCallbackUrl,
        });
  const state = await saveSendOutcome({ id, owner, attempts: message.attempts, outcome }, now);
  logger.info(`outbox.${state ?? "leaseLost"}`, {
    messageId: id,
    kind: message.kind,
    attempt: message.attempts,
    ...(outcome.ok ? {} : { code: outcome.code }),
  });
  return state ?? "skipped";
}

/** Due retries and messages whose worker died: the scheduled sweep, also run by hand. */
export async function retryOutboxMessages(now: Date, delivery: Delivery = twilioDelivery()) {
  const ids = await findDueOutboxMessageIds(now, SCHEDULER_BATCH);
  const results: Record<string, number> = {};
  for (const id of ids) {
    const state = await sendOutboxMessage(id, now, delivery);
    results[state] = (results[state] ?? 0) + 1;
  }
  return { looked: ids.length, ...results };
}
