import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `dispensations/{prescriptionId}`: created once, by the first pharmacy to dispense the
 * prescription (an atomic create, so of two pharmacies at the same moment one wins). Written by
 * functions only; read by the pharmacists of that pharmacy (firestore.rules).
 */
const fillLineSchema = z.object({
  line: z.number(),
  quantity: z.number(),
  medicineId: z.string().nullable(),
  /** The batches drawn (earliest expiry first); empty when the pharmacy does not track this medicine's stock. */
  draws: z.array(z.object({ batch: z.string(), expiry: z.string(), quantity: z.number() })),
  substitution: z
    .object({ medicineId: z.string(), reason: z.string(), patientAcknowledged: z.literal(true) })
    .optional(),
});

/** Where, by whom and when medicines were given at a counter. */
const counterSchema = z.object({
  pharmacyId: storedIdSchema,
  pharmacistUid: storedIdSchema,
  at: timestampSchema,
});

/** One dispensing at a counter: what was given, from which batches. */
export const fillSchema = counterSchema.extend({ lines: z.array(fillLineSchema) });
export type Fill = z.infer<typeof fillSchema>;

/** Its counter fields are where, by whom and when the prescription was first dispensed (any of it). */
export const dispensationDocSchema = counterSchema.extend({
  prescriptionId: storedIdSchema,
  /** Units given so far, a number a line; absent on whole dispensings recorded before partial ones. */
  quantities: z.array(z.number()).optional(),
  fills: z.array(fillSchema).optional(),
  /** True once every line is given in full. */
  complete: z.boolean().optional(),
});
export type DispensationDoc = z.infer<typeof dispensationDocSchema>;
