import { z } from "zod";
import { timestampSchema } from "./stored";

/**
 * events/{eventId} at the top level: a domain event waiting for (or done with) the BigQuery
 * export. Written by functions only, read by nobody else (firestore.rules).
 */
export const storedEventDocSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  occurredAt: timestampSchema,
  org: z.string().nullable(),
  ids: z.record(z.string(), z.string()),
  exported: z.boolean(),
  exportedAt: timestampSchema.nullable(),
  /** Export runs that tried this event and failed, and the last failure (reason: message). */
  exportAttempts: z.number(),
  lastError: z.string().nullable(),
  lastAttemptAt: timestampSchema.optional(),
});
export type StoredEvent = z.infer<typeof storedEventDocSchema>;
