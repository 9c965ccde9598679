import { z } from "zod";

/**
 * What the functions read of Twilio's webhook requests (form fields, as Twilio names them). Twilio
 * sends more fields; they are ignored. A signed request is still checked: a field far larger than
 * Twilio ever sends would otherwise reach a Firestore query or write (an indexed value over
 * 1,500 bytes, a document field over the index-entry limit) and fail there with a 500.
 */

/** A message SID: two letters (SM, MM) and 32 hex digits. */
const messageSidSchema = z
  .string()
  .regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, "must be a Twilio message SID (SM and 32 hex digits)");

/** POST /api/twilio/status: a message's delivery status. */
export const twilioStatusCallbackSchema = z.looseObject({
  MessageSid: messageSidSchema,
  MessageStatus: z.string().regex(/^[a-z_-]{1,32}$/, "must be a Twilio message status such as delivered"),
  /** Twilio's error code for a failed message; empty or absent otherwise. */
  ErrorCode: z
    .string()
    .regex(/^\d{0,10}$/, "must be a Twilio error code")
    .optional(),
});
export type TwilioStatusCallback = z.infer<typeof twilioStatusCallbackSchema>;

/** A WhatsApp message is at most 4,096 characters, an SMS (concatenated) 1,600. */
export const INBOUND_BODY_MAX = 4096;

/** POST /api/twilio/inbound: a message from a patient (only STOP and START words are acted on). */
export const twilioInboundSchema = z.looseObject({
  /** `+9198…`, or `whatsapp:+9198…`. */
  From: z.string().max(64, "must be a phone number").default(""),
  Body: z.string().max(INBOUND_BODY_MAX, "is longer than any SMS or WhatsApp message").default(""),
});
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;
