import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `rxLinks/{token}`: the short link in a prescription SMS (`${site}/s/{token}`), one use: the
 * patient's press of "Download" on the page it opens takes a fresh 15-minute signed download and
 * marks it used. Written and read by functions only (firestore.rules).
 */
export const rxLinkDocSchema = z.object({
  prescriptionId: storedIdSchema,
  patientUid: storedIdSchema,
  expiresAt: timestampSchema,
  usedAt: timestampSchema.nullable(),
});
export type RxLinkDoc = z.infer<typeof rxLinkDocSchema>;
