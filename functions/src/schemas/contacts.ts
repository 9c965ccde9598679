import { z } from "zod";
import { languageSchema, phoneSchema, timezoneSchema } from "./common";

/** How a contact is reached: SMS, or WhatsApp (which falls back to SMS when undelivered). */
export const CHANNELS = ["sms", "whatsapp"] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

const hourSchema = z.number().int().min(0).max(23);

/**
 * Local hours (in the recipient's timezone) when non-urgent messages wait: from `startHour`
 * (inclusive) to `endHour` (exclusive), across midnight when start > end, e.g. 21 to 8.
 */
export const quietHoursSchema = z
  .strictObject({ startHour: hourSchema, endHour: hourSchema })
  .refine((q) => q.startHour !== q.endHour, "quiet hours must start and end at different hours");
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** requestPhoneVerification: the number to prove, and how to send the code (SMS by default). */
export const requestPhoneVerificationRequestSchema = z.strictObject({
  phone: phoneSchema,
  channel: channelSchema.default("sms"),
});
export type RequestPhoneVerificationRequest = z.infer<typeof requestPhoneVerificationRequestSchema>;

/** confirmPhoneVerification: the number and the six-digit code sent to it. */
export const confirmPhoneVerificationRequestSchema = z.strictObject({
  phone: phoneSchema,
  code: z.string().regex(/^\d{6}$/, "must be the six digits of the code"),
});
export type ConfirmPhoneVerificationRequest = z.infer<typeof confirmPhoneVerificationRequestSchema>;

/** A local time of day, "HH:mm" on a 24-hour clock. */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)$/, "must be a time as HH:mm (24-hour)");

/**
 * setClinicianContact: how a doctor is messaged (the number is proven separately). `timezone`:
 * the clock of their quiet hours and agenda (default: their profile's, else Asia/Kolkata);
 * `agendaTime`: when the day's agenda comes, local time, or null (the default) for none.
 */
export const setClinicianContactRequestSchema = z.strictObject({
  language: languageSchema,
  channel: channelSchema,
  quietHours: quietHoursSchema.nullable(),
  timezone: timezoneSchema.optional(),
  agendaTime: localTimeSchema.nullable().default(null),
});
export type SetClinicianContactRequest = z.infer<typeof setClinicianContactRequestSchema>;
