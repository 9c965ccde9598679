import { z } from "zod";
import { docIdSchema, idempotencyFields, isoDateSchema, pageFields } from "./common";

export const RECORD_TYPES = [
  "lab_report",
  "imaging",
  "prescription",
  "discharge_summary",
  "referral",
  "vaccination",
  "other",
] as const;
export const recordTypeSchema = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof recordTypeSchema>;

/** What may be uploaded: PDF, JPEG, PNG, up to 10 MB. */
export const RECORD_CONTENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const recordContentTypeSchema = z.enum(RECORD_CONTENT_TYPES, {
  message: "must be application/pdf, image/jpeg or image/png",
});
export type RecordContentType = z.infer<typeof recordContentTypeSchema>;
export const RECORD_MAX_BYTES = 10 * 1024 * 1024;

export const requestRecordUploadRequestSchema = z.strictObject({
  /** Another patient's uid: only a doctor, during their care (appointmentId), uploads for a patient. */
  patientUid: docIdSchema.optional(),
  appointmentId: docIdSchema.optional(),
  type: recordTypeSchema,
  title: z.string().trim().min(1).max(120),
  date: isoDateSchema,
  provider: z.string().trim().min(1).max(120).optional(),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(30)).max(10).default([]),
  contentType: recordContentTypeSchema,
  sizeBytes: z.number().int().min(1).max(RECORD_MAX_BYTES, "must be at most 10 MB (10485760 bytes)"),
  ...idempotencyFields,
  /** A health worker or a family account's holder uploads for the patient they act for (issue 15). */
  onBehalfOf: docIdSchema.optional(),
});
export type RequestRecordUpload = z.infer<typeof requestRecordUploadRequestSchema>;

export const recordIdRequestSchema = z.strictObject({ recordId: docIdSchema });
export type RecordIdRequest = z.infer<typeof recordIdRequestSchema>;

export const listRecordsRequestSchema = z
  .strictObject({
    patientUid: docIdSchema.optional(),
    type: recordTypeSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    provider: z.string().trim().min(1).max(120).optional(),
    ...pageFields(20, 50),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ["to"], message: "must not be before from" });
export type ListRecordsRequest = z.infer<typeof listRecordsRequestSchema>;

/** Consent: to one clinician (a doctor's uid) or to an organisation's doctors. */
export const CONSENT_PURPOSES = ["treatment", "second_opinion", "referral", "follow_up"] as const;
export const consentScopeSchema = z
  .strictObject({
    all: z.boolean().default(false),
    /**
     * Record types, plus `clinical_note` and `prescription` for what doctors write, and
     * `health_summary` for the patient's chart (authz/chart.ts).
     */
    types: z
      .array(z.enum([...RECORD_TYPES, "clinical_note", "prescription", "health_summary"]))
      .max(10)
      .default([]),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .refine((s) => s.all || s.types.length > 0, "name record types, or all")
  .refine((s) => !s.from || !s.to || s.from <= s.to, { path: ["to"], message: "must not be before from" });

export const granteeSchema = z.union([
  z.strictObject({ granteeUid: docIdSchema }),
  z.strictObject({ granteeOrg: docIdSchema }),
]);

/** Grant and revoke name their grantee by exactly one of these. */
const granteeFields = { granteeUid: docIdSchema.optional(), granteeOrg: docIdSchema.optional() };
const namesOneGrantee = (r: { granteeUid?: string; granteeOrg?: string }) =>
  Boolean(r.granteeUid) !== Boolean(r.granteeOrg);
const ONE_GRANTEE = { path: ["granteeUid"], message: "name one grantee: granteeUid or granteeOrg" };

export const grantConsentRequestSchema = z
  .strictObject({
    ...granteeFields,
    purpose: z.enum(CONSENT_PURPOSES),
    scope: consentScopeSchema,
    /** At most a year ahead. */
    expiresAt: z.iso.datetime({ offset: true }),
    ...idempotencyFields,
    /** A health worker or a family account's holder grants for the patient (issue 15). */
    onBehalfOf: docIdSchema.optional(),
  })
  .refine(namesOneGrantee, ONE_GRANTEE);
export type GrantConsentRequest = z.infer<typeof grantConsentRequestSchema>;

export const revokeConsentRequestSchema = z
  .strictObject({
    ...granteeFields,
    /** A health worker or a family account's holder revokes for the patient (issue 15). */
    onBehalfOf: docIdSchema.optional(),
  })
  .refine(namesOneGrantee, ONE_GRANTEE);

export type RevokeConsentRequest = z.infer<typeof revokeConsentRequestSchema>;

export const shareRecordsRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  recordIds: z.array(docIdSchema).min(1).max(20),
});
export type ShareRecordsRequest = z.infer<typeof shareRecordsRequestSchema>;

export const deleteMyAccountRequestSchema = z.strictObject({
  confirm: z.literal("DELETE MY ACCOUNT", { message: 'must be exactly "DELETE MY ACCOUNT"' }),
});
export type DeleteAccountRequest = z.infer<typeof deleteMyAccountRequestSchema>;

/**
 * "Export my data" takes nothing but an optional idempotency key and, for a family account's
 * holder exporting a dependant's data, `onBehalfOf` (issue 15): whatever else a client sends
 * (nothing, null, other fields) is ignored, as before.
 */
export const exportMyDataRequestSchema = z.preprocess(
  (value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const fields = value as { idempotencyKey?: unknown; onBehalfOf?: unknown };
    return {
      ...("idempotencyKey" in fields ? { idempotencyKey: fields.idempotencyKey } : {}),
      ...("onBehalfOf" in fields ? { onBehalfOf: fields.onBehalfOf } : {}),
    };
  },
  z.object({ ...idempotencyFields, onBehalfOf: docIdSchema.optional() }),
);
export type ExportMyDataRequest = z.infer<typeof exportMyDataRequestSchema>;

export type Grantee = z.infer<typeof granteeSchema>;
