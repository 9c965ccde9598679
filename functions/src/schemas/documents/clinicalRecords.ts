import { z } from "zod";
import { diagnosisSchema, soapSchema, vitalsSchema } from "../clinical";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `clinicalRecords/{appointmentId}/versions/{nnnn}`: one version of an appointment's clinical
 * record (SOAP note, diagnoses, vitals) as the treating doctor wrote it; an amendment adds a
 * version and never overwrites one. The note is the validated request (schemas/clinical.ts).
 * Written by functions only (firestore.rules).
 */
export const clinicalVersionDocSchema = z.object({
  appointmentId: storedIdSchema,
  patientUid: storedIdSchema,
  doctorUid: storedIdSchema,
  org: storedIdSchema,
  soap: soapSchema,
  diagnoses: z.array(diagnosisSchema),
  vitals: vitalsSchema.nullable(),
  version: z.number().int().positive(),
  /** The doctor's uid. */
  author: storedIdSchema,
  amendmentReason: z.string().nullable(),
  writtenAt: timestampSchema,
});
export type ClinicalVersionDoc = z.infer<typeof clinicalVersionDocSchema>;

/** `clinicalRecords/{appointmentId}`: the current version, with when the record was first written. */
export const clinicalRecordDocSchema = clinicalVersionDocSchema.extend({
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ClinicalRecordDoc = z.infer<typeof clinicalRecordDocSchema>;
