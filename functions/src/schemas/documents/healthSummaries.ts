import { z } from "zod";
import {
  allergyEntrySchema,
  bloodGroupEntrySchema,
  conditionEntrySchema,
  medicationEntrySchema,
  pregnancyFieldsSchema,
} from "../chart";
import { storedIdSchema, timestampSchema } from "./stored";

/** Who recorded an entry, and when: from the caller's token and the request's clock. */
const recordedFields = {
  id: storedIdSchema,
  recordedBy: storedIdSchema,
  recordedRole: z.enum(["patient", "doctor"]),
  /** The doctor's name as it was when they recorded it; null for the patient's own entries. */
  recordedByName: z.string().nullable(),
  /** The appointment of the care in which a doctor recorded it; null for the patient's own. */
  appointmentId: storedIdSchema.nullable(),
  recordedAt: timestampSchema,
};

export const summaryEntryDocSchema = z.discriminatedUnion("kind", [
  allergyEntrySchema.extend(recordedFields),
  conditionEntrySchema.extend(recordedFields),
  medicationEntrySchema.extend(recordedFields),
  pregnancyFieldsSchema.extend(recordedFields),
  bloodGroupEntrySchema.extend(recordedFields),
]);
export type SummaryEntryDoc = z.infer<typeof summaryEntryDocSchema>;

/**
 * healthSummaries/{patientUid}: the patient's health summary, one document (the chart reads it at
 * once), entries oldest first, never rewritten: a later blood group or pregnancy entry is the
 * current one, the earlier ones its history. Written by functions only (addHealthSummaryEntry);
 * the patient reads theirs under firestore.rules, clinicians through getPatientChart (logged).
 */
export const healthSummaryDocSchema = z.object({
  patientUid: storedIdSchema,
  entries: z.array(summaryEntryDocSchema),
  updatedAt: timestampSchema,
});
export type HealthSummaryDoc = z.infer<typeof healthSummaryDocSchema>;
