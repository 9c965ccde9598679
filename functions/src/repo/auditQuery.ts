import { Timestamp, type Query } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";

/**
 * Reading the audit log for admins, newest first, a page at a time. Filters are equalities on
 * org, action, actorUid and target.id plus a range on `at`; firestore.indexes.json declares
 * (field, at desc) for each filter field and the pairs with org, and Firestore merges those
 * indexes for the other combinations of equalities.
 */

export interface AuditFilters {
  /** null: every entry (platform admins only). */
  org: string | null;
  action?: string;
  actorUid?: string;
  targetId?: string;
  fromMs?: number;
  toMs?: number;
}

export interface AuditRow {
  id: string;
  action: string;
  actorUid: string;
  actorRole: string;
  org: string | null;
  target: { type: string; id: string };
  at: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type AuditPage = { entries: AuditRow[]; nextCursor: string | null } | { badCursor: true };

export async function auditPage(
  filters: AuditFilters,
  pageSize: number,
  cursor?: string,
): Promise<AuditPage> {
  const log = db().collection(COLLECTIONS.auditLog);
  let query: Query = log;
  if (filters.org !== null) query = query.where("org", "==", filters.org);
  if (filters.action) query = query.where("action", "==", filters.action);
  if (filters.actorUid) query = query.where("actorUid", "==", filters.actorUid);
  if (filters.targetId) query = query.where("target.id", "==", filters.targetId);
  if (filters.fromMs !== undefined) query = query.where("at", ">=", Timestamp.fromMillis(filters.fromMs));
  if (filters.toMs !== undefined) query = query.where("at", "<", Timestamp.fromMillis(filters.toMs));
  query = query.orderBy("at", "desc");
  if (cursor) {
    const last = await log.doc(cursor).get();
    // A cursor is only a position; the filters above still decide what is returned.
    if (!last.exists) return { badCursor: true };
    query = query.startAfter(last);
  }
  const snap = await query.limit(pageSize).get();
  return {
    entries: snap.docs.map((d) => auditRow(d.id, d.data())),
    nextCursor: snap.size === pageSize ? snap.docs[snap.size - 1].id : null,
  };
}

function auditRow(id: string, data: FirebaseFirestore.DocumentData): AuditRow {
  return {
    id,
    action: data.action,
    actorUid: data.actorUid,
    actorRole: data.actorRole,
    org: data.org ?? null,
    target: { type: data.target?.type ?? "", id: data.target?.id ?? "" },
    at: data.at instanceof Timestamp ? data.at.toDate().toISOString() : null,
    ip: data.ip ?? null,
    userAgent: data.userAgent ?? null,
  };
}
