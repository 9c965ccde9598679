import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { createAuditEntry, findAuditEntries, type AuditRow } from "../../repo/audit";
import type { ReadAuditLogRequest } from "../../schemas/admin";
import { resolveAdminScope, scopeTarget } from "../../services/admin/scope";
import { appError } from "../../schemas/errors";

/**
 * The audit log, newest first, filtered by action, actor, target id and time, a page at a time
 * (`nextCursor`: the last entry's id). An organisation admin reads their organisation's entries;
 * a platform admin any organisation's, or every entry (platform-wide ones included) with `org`
 * omitted. The read is itself audited (`admin.auditRead`), after the page is taken, so a page
 * never shows the entry of its own read; later pages stay stable because new entries are newer
 * than the cursor.
 */
export async function readAuditLog({ actor, input, now, origin }: Call<ReadAuditLogRequest>): Promise<{
  org: string | null;
  entries: AuditRow[];
  nextCursor: string | null;
}> {
  const org = await resolveAdminScope(actor, input.org, { platformWide: true });
  const page = await findAuditEntries(
    {
      org,
      action: input.action,
      actorUid: input.actorUid,
      targetId: input.targetId,
      fromMs: input.from ? Date.parse(input.from) : undefined,
      toMs: input.to ? Date.parse(input.to) : undefined,
    },
    input.pageSize,
    input.cursor,
  ).catch((error: { code?: unknown }) => {
    // Firestore answers FAILED_PRECONDITION (9) for a filter combination no index serves.
    if (error?.code === 9)
      throw appError(
        "failed-precondition",
        "no-index-for-filters",
        "no index serves this combination of filters; filter by fewer fields",
      );
    throw error;
  });
  if ("badCursor" in page)
    throw appError("invalid-argument", "invalid-cursor", "cursor: not a cursor this callable gave");
  const target = scopeTarget("auditLog", org);
  await createAuditEntry({ action: "admin.auditRead", actor, org, target, origin }, now);
  logger.info("admin.auditRead", { org, by: actor.uid, count: page.entries.length });
  return { org, entries: page.entries, nextCursor: page.nextCursor };
}
