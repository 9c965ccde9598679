import { z } from "zod";
import { recordContentTypeSchema, recordTypeSchema } from "../records";
import { calendarDate, instant, linkSchema, nextCursor } from "./common";

/** What `requestRecordUpload` answers. */
export const requestRecordUploadResponseSchema = z.strictObject({
  recordId: z.string(),
  upload: z.strictObject({
    url: z.string(),
    method: z.enum(["PUT", "GET"]),
    headers: z.record(z.string(), z.string()),
    expiresAt: instant,
  }),
});

/** What `confirmRecordUpload` answers. */
export const confirmRecordUploadResponseSchema = z.strictObject({
  reason: z.string().optional(),
  recordId: z.string(),
  status: z.enum(["pending", "ready", "rejected"]),
});

/** A record file as every listing shows it (listRecords adds its own fields; the chart shows these). */
export const recordListingFields = {
  recordId: z.string(),
  type: recordTypeSchema,
  title: z.string(),
  date: calendarDate,
  provider: z.string().nullable(),
  contentType: recordContentTypeSchema,
};

/** What `listRecords` answers. */
export const listRecordsResponseSchema = z.strictObject({
  records: z.array(
    z.strictObject({
      ...recordListingFields,
      tags: z.array(z.string()),
      sizeBytes: z.number(),
      uploadedBy: z.string(),
    }),
  ),
  nextCursor,
});

/** What `recordDownloadLink` answers. */
export const recordDownloadLinkResponseSchema = linkSchema;

/** What `shareRecords` answers. */
export const shareRecordsResponseSchema = z.strictObject({
  shared: z.number(),
  doctorUid: z.string(),
  until: instant,
});

/** What `grantConsent` answers. */
export const grantConsentResponseSchema = z.strictObject({ consentId: z.string(), expiresAt: instant });

/** What `revokeConsent` answers. */
export const revokeConsentResponseSchema = z.strictObject({
  consentId: z.string(),
  status: z.literal("revoked"),
});
