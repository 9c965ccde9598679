import { Timestamp } from "firebase-admin/firestore";
import type { Response } from "express";
import { logger } from "firebase-functions";
import type { Request } from "firebase-functions/v2/https";
import { isValidTwilioSignature } from "../../adapters/messaging/signature";
import { advancesDelivery, needsSmsFallback } from "../../domain/notifications/outbox";
import { deleteOptOut, setOptOut } from "../../repo/optOuts";
import {
  createOutboxMessage,
  findOutboxIdByProviderId,
  getOutboxMessage,
  outboxRef,
} from "../../repo/outbox";
import { runTransaction } from "../../repo/transaction";
import { twilioInboundSchema, twilioStatusCallbackSchema, twilioVoiceSchema } from "../../schemas/webhooks";
import { formatZodError } from "../../services/callable/parseRequest";
import { fail } from "./respond";

export interface TwilioWebhookConfig {
  authToken: string;
  /** The public origin Twilio calls, as it signs the URL. */
  webhookBaseUrl: string;
}

const STOP_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
const START_WORDS = ["START", "UNSTOP", "YES"];

/** The query string of the request as Twilio called it ("" or "?…"): Twilio signs the whole URL. */
function queryOf(req: Request): string {
  const url = req.originalUrl ?? req.url ?? "";
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at);
}

function verified(req: Request, res: Response, config: TwilioWebhookConfig, path: string): boolean {
  const params = (req.body ?? {}) as Record<string, string>;
  if (
    !isValidTwilioSignature(
      config.authToken,
      req.get("x-twilio-signature"),
      `${config.webhookBaseUrl}${path}`,
      params,
    )
  ) {
    logger.warn("twilio.signatureRejected", { path });
    fail(res, "PERMISSION_DENIED", "invalid X-Twilio-Signature");
    return false;
  }
  return true;
}

/**
 * Twilio's delivery status callback: moves the message's delivery status forward (callbacks
 * can come out of order) and sends an undelivered WhatsApp message again by SMS, once.
 */
export async function twilioStatus(
  req: Request,
  res: Response,
  config: TwilioWebhookConfig,
  now = new Date(),
): Promise<void> {
  if (!verified(req, res, config, "/api/twilio/status")) return;
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!body.MessageSid || !body.MessageStatus) {
    return fail(res, "INVALID_ARGUMENT", "MessageSid and MessageStatus are required");
  }
  const parsed = twilioStatusCallbackSchema.safeParse(body);
  if (!parsed.success) {
    logger.warn("twilio.status.malformed", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
    return fail(res, "INVALID_ARGUMENT", formatZodError(parsed.error));
  }
  const { MessageSid: sid, MessageStatus: status, ErrorCode: errorCode } = parsed.data;
  const id = await findOutboxIdByProviderId(sid);
  if (id === null) {
    res.status(204).end(); // not ours, or already expired: nothing to do
    return;
  }
  await runTransaction(async (tx) => {
    const message = await getOutboxMessage(id, tx);
    // Removed since the query (its TTL ran): nothing left to move forward.
    if (!message) return;
    if (!advancesDelivery(message.providerStatus, status)) return;
    const fallbackId = `${id}_sms`;
    const hasFallback = (await getOutboxMessage(fallbackId, tx)) !== null;
    const fallback = needsSmsFallback(message.channel, status, hasFallback);
    tx.update(outboxRef(id), {
      providerStatus: status,
      ...(errorCode ? { deliveryError: `twilio-${errorCode}` } : {}),
      updatedAt: Timestamp.fromDate(now),
    });
    if (fallback) {
      createOutboxMessage(
        tx,
        fallbackId,
        {
          kind: message.kind,
          channel: "sms",
          to: message.to,
          recipientUid: message.recipientUid,
          language: message.language,
          body: message.body,
          required: message.required,
          appointmentId: message.appointmentId,
          fallbackOf: id,
        },
        now,
      );
    }
  });
  logger.info("twilio.status", { messageId: id, status });
  res.status(204).end();
}

/**
 * Replies from patients: STOP opts the number out of non-essential messages, START back in; any
 * other message is an SMS conversation (handlers/inbound/sms.ts) answered with TwiML <Message>.
 */
export async function twilioInbound(
  req: Request,
  res: Response,
  config: TwilioWebhookConfig,
  now = new Date(),
): Promise<void> {
  if (!verified(req, res, config, "/api/twilio/inbound")) return;
  const parsed = twilioInboundSchema.safeParse(req.body ?? {});
  if (!parsed.success) {
    logger.warn("twilio.inbound.malformed", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
    return fail(res, "INVALID_ARGUMENT", formatZodError(parsed.error));
  }
  const from = parsed.data.From.replace(/^whatsapp:/, "");
  const word = parsed.data.Body.trim().toUpperCase();
  const { messageTwiml } = await import("../../adapters/messaging/twiml");
  if (!/^\+[1-9]\d{7,14}$/.test(from)) {
    res.status(200).type("text/xml").send(messageTwiml(""));
    return;
  }
  if (STOP_WORDS.includes(word)) {
    await setOptOut(from, { optedOutAt: Timestamp.fromDate(now), keyword: word });
    logger.info("optOut.stop", { keyword: word });
  } else if (START_WORDS.includes(word)) {
    await deleteOptOut(from);
    logger.info("optOut.start", { keyword: word });
  } else {
    if (!parsed.data.MessageSid) return fail(res, "INVALID_ARGUMENT", "MessageSid is required");
    const { answerSms } = await import("../inbound/sms");
    const reply = await answerSms({ from, body: parsed.data.Body, messageSid: parsed.data.MessageSid }, now);
    res.status(200).type("text/xml").send(messageTwiml(reply));
    return;
  }
  res.status(200).type("text/xml").send(messageTwiml(""));
}

/**
 * The voice line (Twilio Voice "A call comes in", and every <Gather> of its menus): TwiML built
 * with the twilio library (handlers/inbound/voice.ts). The step and language travel in the query
 * string, which Twilio signs with the rest of the URL.
 */
export async function twilioVoice(
  req: Request,
  res: Response,
  config: TwilioWebhookConfig,
  now = new Date(),
): Promise<void> {
  const path = `/api/twilio/voice${queryOf(req)}`;
  if (!verified(req, res, config, path)) return;
  const parsed = twilioVoiceSchema.safeParse(req.body ?? {});
  if (!parsed.success) {
    logger.warn("twilio.voice.malformed", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
    return fail(res, "INVALID_ARGUMENT", formatZodError(parsed.error));
  }
  const [{ answerCall }, { readVoiceState }] = await Promise.all([
    import("../inbound/voice"),
    import("../../domain/inbound/voice"),
  ]);
  const from = /^\+[1-9]\d{7,14}$/.test(parsed.data.From) ? parsed.data.From : null;
  const twiml = await answerCall(
    {
      callSid: parsed.data.CallSid,
      from,
      digits: parsed.data.Digits ?? null,
      state: readVoiceState(req.query as Record<string, unknown>),
      actionUrl: `${config.webhookBaseUrl}/api/twilio/voice`,
    },
    now,
  );
  res.status(200).type("text/xml").send(twiml);
}
