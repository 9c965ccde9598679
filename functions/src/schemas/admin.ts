import { z } from "zod";
import { AUDIT_ACTIONS } from "./audit";
import { docIdSchema, pageFields } from "./common";
import { instantSchema } from "./scheduling";

/** Requests of the admin callables (handlers/admin/). */

/** The longest period one KPI request may cover: a quarter. */
export const MAX_KPI_RANGE_DAYS = 92;
const DAY_MS = 86_400_000;

/** Why a [from, to) range is refused, or null when it is fine. */
export function kpiRangeProblem(fromMs: number, toMs: number, maxDays = MAX_KPI_RANGE_DAYS): string | null {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return "must be ISO 8601 instants";
  if (toMs <= fromMs) return "must be after from";
  if (toMs - fromMs > maxDays * DAY_MS) return `a range of at most ${maxDays} days`;
  return null;
}

/** Roles that make someone a member of an organisation (patients are not members). */
export const MEMBER_ROLES = ["doctor", "pharmacist", "admin", "healthWorker"] as const;
export const memberRoleSchema = z.enum(MEMBER_ROLES);
export const MEMBER_STATUSES = ["active", "suspended"] as const;
export const memberStatusSchema = z.enum(MEMBER_STATUSES);

/** An export returns at most this many rows in one response. */
export const MAX_EXPORT_ROWS = 10_000;

/** [from, to) of at most MAX_KPI_RANGE_DAYS, reported on `to`. */
function boundedRange(r: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const problem = kpiRangeProblem(Date.parse(r.from), Date.parse(r.to), MAX_KPI_RANGE_DAYS);
  if (problem) ctx.addIssue({ code: "custom", path: ["to"], message: problem });
}

export const getKpisRequestSchema = z
  .strictObject({
    /** Omitted: the admin's own organisation, or the whole platform for a platform admin. */
    org: docIdSchema.optional(),
    from: instantSchema,
    to: instantSchema,
  })
  .superRefine(boundedRange);
export type GetKpisRequest = z.infer<typeof getKpisRequestSchema>;

export const exportCsvRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("users"),
    org: docIdSchema.optional(),
    role: memberRoleSchema.optional(),
    status: memberStatusSchema.optional(),
  }),
  z
    .strictObject({
      kind: z.literal("appointments"),
      org: docIdSchema.optional(),
      from: instantSchema,
      to: instantSchema,
    })
    .superRefine(boundedRange),
]);
export type ExportCsvRequest = z.infer<typeof exportCsvRequestSchema>;

export const listUsersRequestSchema = z.strictObject({
  org: docIdSchema.optional(),
  role: memberRoleSchema.optional(),
  status: memberStatusSchema.optional(),
  /** The cursor is a uid. */
  ...pageFields(25, 100),
});
export type ListUsersRequest = z.infer<typeof listUsersRequestSchema>;

export const setUserStatusRequestSchema = z.strictObject({
  uid: docIdSchema,
  org: docIdSchema,
  status: memberStatusSchema,
  /** Kept on the membership for the member and the organisation's admins; not in the audit log. */
  reason: z.string().trim().min(3, "give a reason").max(500),
  /** Suspending a doctor: only list the booked appointments it would cancel; nothing is written. */
  dryRun: z.boolean().optional(),
  /** Suspending a doctor with booked appointments: exactly the ids the preview listed. */
  confirmAffected: z.array(docIdSchema).max(500).optional(),
});
export type SetUserStatusRequest = z.infer<typeof setUserStatusRequestSchema>;

export const readAuditLogRequestSchema = z
  .strictObject({
    org: docIdSchema.optional(),
    action: z.enum(AUDIT_ACTIONS).optional(),
    actorUid: docIdSchema.optional(),
    targetId: docIdSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    /** The cursor is an audit entry id. */
    ...pageFields(50, 100),
  })
  .refine((r) => !r.from || !r.to || Date.parse(r.from) < Date.parse(r.to), {
    path: ["to"],
    message: "must be after from",
  });
export type ReadAuditLogRequest = z.infer<typeof readAuditLogRequestSchema>;
