import { z } from "zod";
import { timestampSchema } from "./stored";

/**
 * auditLog/{id}: who did what to which record, when and from where (domain/audit/entry.ts builds
 * it). Written by functions only; kept six years, then removed by the TTL on `expireAt`. Entries
 * written by older versions may miss fields, so readers get what is there.
 */
export const auditEntryDocSchema = z.object({
  action: z.string(),
  actorUid: z.string(),
  actorRole: z.string(),
  /** The patient the actor acted for (a health worker, a family account's holder: issue 15). */
  onBehalfOf: z.string().optional(),
  org: z.string().nullable().optional(),
  target: z.object({ type: z.string().optional(), id: z.string().optional() }).optional(),
  at: timestampSchema.optional(),
  expireAt: timestampSchema.optional(),
  ip: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});
export type AuditEntryDoc = z.infer<typeof auditEntryDocSchema>;
