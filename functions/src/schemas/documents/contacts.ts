import { z } from "zod";
import { languageSchema } from "../common";
import { channelSchema, quietHoursSchema } from "../contacts";
import { timestampSchema } from "./stored";

/**
 * contacts/{uid}: how the platform reaches a user, written by functions only (firestore.rules):
 * the phone number they proved they hold, and for clinicians their language, channel and quiet
 * hours. Messages go to `phone` and to nothing else (services/notifications/appointmentMessages.ts).
 */
export const contactDocSchema = z.object({
  /** A number the user proved: a code sent to it came back, or it is their Auth account's number. */
  phone: z.string().nullable(),
  verifiedAt: timestampSchema.nullable(),
  verifiedBy: z.enum(["code", "auth"]).nullable(),
  /** Set by setClinicianContact (doctors); a patient's language and channel are on their profile. */
  language: languageSchema.optional(),
  channel: channelSchema.optional(),
  quietHours: quietHoursSchema.nullable().optional(),
  /** The doctor's IANA timezone: quiet hours and the agenda's time are on its clock. */
  timezone: z.string().optional(),
  /** The daily agenda's local time ("07:30"), or null/absent for none (setClinicianContact). */
  agendaTime: z.string().nullable().optional(),
  /** When the next agenda is due (handlers/notifications/agendas.ts queries it); null: none. */
  agendaNextAt: timestampSchema.nullable().optional(),
  /** Failed attempts at the agenda due at agendaNextAt, and the last error's code (no PHI). */
  agendaAttempts: z.number().int().min(0).optional(),
  agendaError: z.string().optional(),
  updatedAt: timestampSchema,
});
export type ContactDoc = z.infer<typeof contactDocSchema>;

/**
 * phoneVerifications/{uid}: the user's one pending code, functions only. Neither the code nor the
 * number is stored: a keyed hash of (uid, number, code) and a hash of the number, so a copy of
 * the document proves nothing and names nobody.
 */
export const phoneVerificationDocSchema = z.object({
  state: z.enum(["pending", "locked"]),
  /** phoneKey(number): which number the code was sent to. */
  phoneKey: z.string(),
  codeHash: z.string(),
  salt: z.string(),
  channel: channelSchema,
  attempts: z.number().int().min(0),
  sentAt: timestampSchema,
  expiresAt: timestampSchema,
  /** TTL: removed a day after it was sent, confirmed or not. */
  expireAt: timestampSchema,
});
export type PhoneVerificationDoc = z.infer<typeof phoneVerificationDocSchema>;
