import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * consents/{patientUid}_{granteeUid} or consents/{patientUid}_org:{org}: a patient's consent to a
 * clinician or to an organisation's doctors. Written by functions only (firestore.rules).
 */
export const consentDocSchema = z.object({
  patientUid: storedIdSchema,
  granteeUid: storedIdSchema.optional(),
  granteeOrg: storedIdSchema.optional(),
  purpose: z.string(),
  /** As granted (schemas/records.ts consentScopeSchema): all, or record types; optionally dates. */
  scope: z.object({
    all: z.boolean(),
    types: z.array(z.string()).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  }),
  expiresAt: timestampSchema,
  status: z.enum(["active", "revoked"]),
  grantedAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
});
export type ConsentDoc = z.infer<typeof consentDocSchema>;
