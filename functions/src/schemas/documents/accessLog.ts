import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * accessLog/{id}: who listed or downloaded which of a patient's health records, when, and on what
 * basis. Written by functions only; the patient reads theirs (firestore.rules).
 */
export const accessLogDocSchema = z.object({
  patientUid: storedIdSchema,
  recordId: storedIdSchema,
  actorUid: storedIdSchema,
  actorRole: z.string(),
  action: z.enum(["list", "download", "fhir"]),
  basis: z.enum(["owner", "share", "consent"]),
  consentId: z.string().nullable(),
  at: timestampSchema,
});
export type AccessLogDoc = z.infer<typeof accessLogDocSchema>;
