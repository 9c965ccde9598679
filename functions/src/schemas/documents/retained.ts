import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * retained/{patientUid}: the archive of a deleted account (domain/records/retention.ts). Its
 * subcollections hold the documents of care as they were stored, plus `retainUntil` (and
 * `parentId` for a flattened subcollection document), so they have no schema of their own.
 */
export const retainedDocSchema = z.object({
  patientUid: storedIdSchema,
  deletedAt: timestampSchema,
  retainUntil: timestampSchema,
  policy: z.string(),
});
export type RetainedDoc = z.infer<typeof retainedDocSchema>;
