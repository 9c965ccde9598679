import { z } from "zod";

/** What `requestPhoneVerification` answers. */
export const requestPhoneVerificationResponseSchema = z.union([
  z.strictObject({ status: z.literal("verified"), phone: z.string() }),
  z.strictObject({ status: z.literal("sent"), channel: z.enum(["sms", "whatsapp"]), expiresAt: z.string() }),
]);

/** What `confirmPhoneVerification` answers. */
export const confirmPhoneVerificationResponseSchema = z.strictObject({
  status: z.literal("verified"),
  phone: z.string(),
});

/** What `setClinicianContact` answers. */
export const setClinicianContactResponseSchema = z.strictObject({
  phone: z.string().nullable(),
  language: z.enum(["en", "hi", "pa"]),
  channel: z.enum(["sms", "whatsapp"]),
  quietHours: z.strictObject({ startHour: z.number(), endHour: z.number() }).nullable(),
  timezone: z.string(),
  agendaTime: z.string().nullable(),
});
