import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `dispensations/{prescriptionId}`: created once, by the first pharmacy to dispense the
 * prescription (an atomic create, so of two pharmacies at the same moment one wins). Written by
 * functions only; read by the pharmacists of that pharmacy (firestore.rules).
 */
export const dispensationDocSchema = z.object({
  prescriptionId: storedIdSchema,
  pharmacyId: storedIdSchema,
  pharmacistUid: storedIdSchema,
  at: timestampSchema,
});
export type DispensationDoc = z.infer<typeof dispensationDocSchema>;
