import { Timestamp } from "firebase-admin/firestore";
import { inboundMessageDocSchema, type InboundMessageDoc } from "../schemas/documents/inbound";
import { converterFor } from "./converter";
import { COLLECTIONS, db } from "./firestore";

export type { InboundMessageDoc };

const ALREADY_EXISTS = 6;
/** Twilio retries a webhook within minutes; a week is far beyond. */
const KEEP_MS = 7 * 86_400_000;

const inboundMessages = () =>
  db().collection(COLLECTIONS.inboundMessages).withConverter(converterFor(inboundMessageDocSchema));

export const inboundMessageRef = (sid: string) => inboundMessages().doc(sid);

/**
 * Claims a provider message (or call step) for processing: true the first time, false when it
 * was already claimed (the create is atomic, so two deliveries at once claim it once).
 */
export async function claimInboundMessage(
  sid: string,
  channel: "sms" | "voice",
  now: Date,
): Promise<boolean> {
  try {
    await inboundMessageRef(sid).create({
      channel,
      receivedAt: Timestamp.fromDate(now),
      expireAt: Timestamp.fromMillis(now.getTime() + KEEP_MS),
    });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === ALREADY_EXISTS) return false;
    throw error;
  }
}
