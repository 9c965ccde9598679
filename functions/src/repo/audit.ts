import { Timestamp, WriteBatch, type Query, type Transaction } from "firebase-admin/firestore";
import { buildAuditEntry, type AuditInput } from "../domain/audit/entry";
import { auditEntryDocSchema, type AuditEntryDoc } from "../schemas/documents/auditLog";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db } from "./firestore";

/**
 * auditLog/{id}: who did what to which record, when and from where. A change writes its entry in
 * its own transaction (repo/actions.ts, `recordAction`); an action that changes nothing in
 * Firestore (a read, a sign-in) writes it on its own. Admins read it newest first, filtered.
 */

export type { AuditEntryDoc };

const auditLog = () => db().collection(COLLECTIONS.auditLog).withConverter(converterFor(auditEntryDocSchema));

function auditEntryDoc(input: AuditInput, now: Date): AuditEntryDoc {
  const entry = buildAuditEntry(input, now);
  return { ...entry, at: Timestamp.fromDate(entry.at), expireAt: Timestamp.fromDate(entry.expireAt) };
}

/**
 * An audit entry in a transaction or a batch (the commit of the change it records). `id` gives it
 * a deterministic id, for a change made outside Firestore that a retry repeats (a sign-up): the
 * second create then fails instead of recording the change twice. Without it the id is random.
 */
export function createAuditEntryIn(
  commit: Transaction | WriteBatch,
  input: AuditInput,
  now: Date,
  id?: string,
): void {
  const ref = id === undefined ? auditLog().doc() : auditLog().doc(id);
  if (commit instanceof WriteBatch) commit.create(ref, auditEntryDoc(input, now));
  else commit.create(ref, auditEntryDoc(input, now));
}

/**
 * Writes an audit entry: in `tx` when given (the transaction of the change it records), else on
 * its own, for actions that write nothing else to Firestore.
 */
export function createAuditEntry(input: AuditInput, now: Date, tx: Transaction): void;
export function createAuditEntry(input: AuditInput, now: Date): Promise<void>;
export function createAuditEntry(input: AuditInput, now: Date, tx?: Transaction): void | Promise<void> {
  if (tx) return createAuditEntryIn(tx, input, now);
  return auditLog()
    .doc()
    .create(auditEntryDoc(input, now))
    .then(() => undefined);
}

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
  onBehalfOf?: string;
  org: string | null;
  target: { type: string; id: string };
  at: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type AuditPage = { entries: AuditRow[]; nextCursor: string | null } | { badCursor: true };

/** A page of audit entries matching the filters, after the entry `cursor` (an id) when given. */
export async function findAuditEntries(
  filters: AuditFilters,
  pageSize: number,
  cursor?: string,
): Promise<AuditPage> {
  const log = auditLog();
  let query: Query<AuditEntryDoc> = log;
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
    entries: wellFormed(snap.docs.map((d) => ({ data: () => auditRow(d.id, d.data()) }))),
    nextCursor: snap.size === pageSize ? snap.docs[snap.size - 1].id : null,
  };
}

function auditRow(id: string, entry: AuditEntryDoc): AuditRow {
  return {
    id,
    action: entry.action,
    actorUid: entry.actorUid,
    actorRole: entry.actorRole,
    ...(entry.onBehalfOf ? { onBehalfOf: entry.onBehalfOf } : {}),
    org: entry.org ?? null,
    target: { type: entry.target?.type ?? "", id: entry.target?.id ?? "" },
    at: entry.at?.toDate().toISOString() ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
  };
}
