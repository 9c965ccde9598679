import { z } from "zod";
import { languageSchema } from "../common";
import { channelSchema } from "../contacts";
import { instant } from "./common";

/** What `requestPhoneVerification` answers. */
export const requestPhoneVerificationResponseSchema = z.union([
  z.strictObject({ status: z.literal("verified"), phone: z.string() }),
  z.strictObject({ status: z.literal("sent"), channel: channelSchema, expiresAt: instant }),
]);

/** What `confirmPhoneVerification` answers. */
export const confirmPhoneVerificationResponseSchema = z.strictObject({
  status: z.literal("verified"),
  phone: z.string(),
});

/** What `setClinicianContact` answers. */
export const setClinicianContactResponseSchema = z.strictObject({
  phone: z.string().nullable(),
  language: languageSchema,
  channel: channelSchema,
  quietHours: z.strictObject({ startHour: z.number(), endHour: z.number() }).nullable(),
  timezone: z.string(),
  agendaTime: z.string().nullable(),
});
