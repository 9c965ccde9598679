import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `rxCodes/{code}`: the prescription a short code (domain/prescriptions/shortCode.ts, 9 symbols,
 * unformatted) opens; created with the prescription, in its transaction, so a code names one
 * prescription only. Written by functions only; nobody reads it directly (firestore.rules).
 */
export const rxCodeDocSchema = z.object({
  prescriptionId: storedIdSchema,
  createdAt: timestampSchema,
});
export type RxCodeDoc = z.infer<typeof rxCodeDocSchema>;
