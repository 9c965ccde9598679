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

/** POST /api/twilio/inbound: a message from a patient (STOP and START words, then SMS replies: handlers/inbound/sms.ts). */
export const twilioInboundSchema = z.looseObject({
  /** `+9198…`, or `whatsapp:+9198…`. */
  From: z.string().max(64, "must be a phone number").default(""),
  Body: z.string().max(INBOUND_BODY_MAX, "is longer than any SMS or WhatsApp message").default(""),
  /** Twilio's id of the message: a message is acted on once (redeliveries are ignored). */
  MessageSid: messageSidSchema.optional(),
});
export type TwilioInbound = z.infer<typeof twilioInboundSchema>;

/** A call SID: CA and 32 hex digits. */
const callSidSchema = z
  .string()
  .regex(/^CA[0-9a-fA-F]{32}$/, "must be a Twilio call SID (CA and 32 hex digits)");

/** POST /api/twilio/voice: a step of a call to the voice line (handlers/inbound/voice.ts). */
export const twilioVoiceSchema = z.looseObject({
  CallSid: callSidSchema,
  /** The caller's number, E.164 (or anything Twilio sends for a withheld number). */
  From: z.string().max(64, "must be a phone number").default(""),
  /** The keys pressed at a <Gather>, absent on the call's first request. */
  Digits: z
    .string()
    .regex(/^[0-9*#]{0,20}$/, "must be keypad presses")
    .optional(),
});
export type TwilioVoice = z.infer<typeof twilioVoiceSchema>;
