import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * accessLog/{id}: who listed or downloaded which of a patient's health records, or read their
 * chart (action `chart`, recordId null: docs/patient-chart.md), when, and on what basis (`care`:
 * the treating doctor during care, with the appointment). Written by functions only; the patient
 * reads theirs (firestore.rules).
 */
export const accessLogDocSchema = z.object({
  patientUid: storedIdSchema,
  recordId: storedIdSchema.nullable(),
  actorUid: storedIdSchema,
  actorRole: z.string(),
  action: z.enum(["list", "download", "fhir", "chart"]),
  basis: z.enum(["owner", "share", "consent", "care"]),
  consentId: z.string().nullable(),
  /** The appointment of the care that let a doctor read the chart (basis `care`). */
  appointmentId: storedIdSchema.nullable().optional(),
  at: timestampSchema,
});
export type AccessLogDoc = z.infer<typeof accessLogDocSchema>;
