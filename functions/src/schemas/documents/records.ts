import { z } from "zod";
import { recordContentTypeSchema, recordTypeSchema } from "../records";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * records/{id}: the metadata of one uploaded health record (the file is in Cloud Storage at
 * `path`). Written by functions only (firestore.rules), so the object is checked as written.
 */
export const RECORD_STATUSES = ["pending", "ready", "rejected"] as const;

export const recordDocSchema = z.object({
  patientUid: storedIdSchema,
  type: recordTypeSchema,
  title: z.string(),
  /** YYYY-MM-DD, the date on the document. */
  date: z.string(),
  provider: z.string().nullable(),
  tags: z.array(z.string()),
  contentType: recordContentTypeSchema,
  sizeBytes: z.number(),
  path: z.string(),
  status: z.enum(RECORD_STATUSES),
  uploadedBy: storedIdSchema,
  uploaderRole: z.string(),
  appointmentId: z.string().nullable(),
  /** Doctor uid → until when the doctor of a shared appointment may read it. */
  shares: z.record(z.string(), timestampSchema),
  /** The appointments it was shared for. */
  sharedFor: z.array(z.string()).optional(),
  createdAt: timestampSchema,
  readyAt: timestampSchema.optional(),
  rejectReason: z.string().optional(),
  rejectedAt: timestampSchema.optional(),
});
export type RecordDoc = z.infer<typeof recordDocSchema>;
