import { z } from "zod";
import { languageSchema } from "../common";
import { consultationModeSchema } from "../scheduling";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * The inbound channels (SMS replies and the voice line, services/inbound/). All three
 * collections are written by functions only; firestore.rules open only tickets, to the clinic's
 * admins.
 */

/**
 * conversations/{phoneKey}: the SMS conversation with one phone (its id names the number without
 * writing it: domain/contacts/verification.ts `phoneKey`). `expireAt` is the TTL field: the
 * policy deletes a conversation a day after its offers went stale.
 */
export const conversationDocSchema = z.object({
  step: z.enum(["idle", "offered"]),
  language: languageSchema,
  offers: z.array(z.object({ doctorUid: storedIdSchema, startMs: z.number(), mode: consultationModeSchema })),
  moving: storedIdSchema.nullable(),
  /** The offers are stale after this. */
  expiresAt: timestampSchema,
  /** TTL: deleted after this. */
  expireAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ConversationDoc = z.infer<typeof conversationDocSchema>;

/**
 * inboundMessages/{MessageSid or CallSid:step}: a provider message already acted on, so a
 * webhook Twilio delivers twice is processed once. TTL on `expireAt`.
 */
export const inboundMessageDocSchema = z.object({
  channel: z.enum(["sms", "voice"]),
  receivedAt: timestampSchema,
  expireAt: timestampSchema,
});
export type InboundMessageDoc = z.infer<typeof inboundMessageDocSchema>;

/**
 * tickets/{id}: a caller asked the clinic to call back (the voice line, key 3). The clinic's
 * admins read it (firestore.rules) and close it with `closeTicket`. `org` is the clinic of the
 * caller's next (or last) appointment; null when the caller has none: platform admins see those.
 */
export const ticketDocSchema = z.object({
  kind: z.literal("callback"),
  org: storedIdSchema.nullable(),
  /** The caller's patient account, when the number belongs to one. */
  patientUid: storedIdSchema.nullable(),
  /** The number to call back (the clinic needs it; only its admins read the ticket). */
  phone: z.string(),
  language: languageSchema,
  channel: z.literal("voice"),
  status: z.enum(["open", "closed"]),
  createdAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  closedBy: storedIdSchema.nullable(),
  note: z.string().max(500).nullable(),
});
export type TicketDoc = z.infer<typeof ticketDocSchema>;
