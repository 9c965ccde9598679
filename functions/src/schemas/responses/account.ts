import { z } from "zod";
import { instant } from "./common";

/** What `exportMyData` answers. */
export const exportMyDataResponseSchema = z.strictObject({
  url: z.string(),
  expiresAt: instant,
  bytes: z.number(),
  counts: z.strictObject({
    appointments: z.number(),
    consultations: z.number(),
    clinicalRecords: z.number(),
    prescriptions: z.number(),
    records: z.number(),
    consents: z.number(),
    accessLog: z.number(),
    files: z.number(),
  }),
});

/** What `deleteMyAccount` answers. */
export const deleteMyAccountResponseSchema = z.strictObject({
  erased: z.strictObject({
    profile: z.number(),
    accessLog: z.number(),
    messages: z.number(),
    reminders: z.number(),
    application: z.number(),
    records: z.number(),
    files: z.number(),
  }),
  revokedConsents: z.number(),
  retained: z.strictObject({
    appointments: z.number(),
    consultations: z.number(),
    clinicalRecords: z.number(),
    prescriptions: z.number(),
    consents: z.number(),
  }),
  retainUntil: instant,
});
