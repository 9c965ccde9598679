import { z } from "zod";

/** What `requestRecordUpload` answers. */
export const requestRecordUploadResponseSchema = z.strictObject({
  recordId: z.string(),
  upload: z.strictObject({
    url: z.string(),
    method: z.enum(["PUT", "GET"]),
    headers: z.record(z.string(), z.string()),
    expiresAt: z.string(),
  }),
});

/** What `confirmRecordUpload` answers. */
export const confirmRecordUploadResponseSchema = z.strictObject({
  reason: z.string().optional(),
  recordId: z.string(),
  status: z.enum(["pending", "ready", "rejected"]),
});

/** What `listRecords` answers. */
export const listRecordsResponseSchema = z.strictObject({
  records: z.array(
    z.strictObject({
      recordId: z.string(),
      type: z.enum([
        "prescription",
        "other",
        "lab_report",
        "imaging",
        "discharge_summary",
        "referral",
        "vaccination",
      ]),
      title: z.string(),
      date: z.string(),
      provider: z.string().nullable(),
      tags: z.array(z.string()),
      contentType: z.enum(["application/pdf", "image/jpeg", "image/png"]),
      sizeBytes: z.number(),
      uploadedBy: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** What `recordDownloadLink` answers. */
export const recordDownloadLinkResponseSchema = z.strictObject({ url: z.string(), expiresAt: z.string() });

/** What `shareRecords` answers. */
export const shareRecordsResponseSchema = z.strictObject({
  shared: z.number(),
  doctorUid: z.string(),
  until: z.string(),
});

/** What `grantConsent` answers. */
export const grantConsentResponseSchema = z.strictObject({ consentId: z.string(), expiresAt: z.string() });

/** What `revokeConsent` answers. */
export const revokeConsentResponseSchema = z.strictObject({
  consentId: z.string(),
  status: z.literal("revoked"),
});
