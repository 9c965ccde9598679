import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * careLinks/{patientUid}_{helperUid} (issue 15): a helper's authority to act for a patient.
 * `worker`: a health worker or front desk of `org`, active once the patient agreed (a code they
 * confirmed, or an attestation the worker signed before a witness). `holder`: the family account
 * a dependant belongs to, active from the dependant's creation. Written by functions only; the
 * patient reads their helpers, a holder their dependants (firestore.rules).
 */
export const careLinkDocSchema = z.object({
  patientUid: storedIdSchema,
  helperUid: storedIdSchema,
  kind: z.enum(["worker", "holder"]),
  org: z.string().nullable(),
  /** What the patient sees on their list of helpers: the worker's name, or the holder's. */
  helperName: z.string(),
  status: z.enum(["pending", "active", "revoked"]),
  registeredByHelper: z.boolean(),
  everRevoked: z.boolean(),
  /** How the patient agreed; null while pending. */
  consent: z
    .object({
      method: z.enum(["code", "attestation", "holder"]),
      at: timestampSchema,
      /** An attestation: the worker who signed it, and the witness present. */
      attestedBy: z.string().optional(),
      witnessName: z.string().optional(),
      statement: z.string().optional(),
    })
    .nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
  revokedBy: z.string().nullable(),
});
export type CareLinkDoc = z.infer<typeof careLinkDocSchema>;

/**
 * careCodes/{id}: a code waiting to be confirmed, functions only; like phoneVerifications, only a
 * keyed hash of (binding, number, code) and a hash of the number are stored.
 * `consent_{patientUid}_{helperUid}`: the patient agrees to a worker's help.
 * `handover_{dependantUid}`: the number a dependant's own login goes to.
 */
export const careCodeDocSchema = z.object({
  purpose: z.enum(["consent", "handover"]),
  patientUid: storedIdSchema,
  helperUid: storedIdSchema,
  state: z.enum(["pending", "locked"]),
  phoneKey: z.string(),
  codeHash: z.string(),
  salt: z.string(),
  attempts: z.number().int().min(0),
  sentAt: timestampSchema,
  expiresAt: timestampSchema,
  /** TTL: removed a day after it was sent. */
  expireAt: timestampSchema,
});
export type CareCodeDoc = z.infer<typeof careCodeDocSchema>;
