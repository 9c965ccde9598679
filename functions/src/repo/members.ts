import { getAuth } from "firebase-admin/auth";
import {
  FieldPath,
  Timestamp,
  type Query,
  type Transaction,
  type UpdateData,
} from "firebase-admin/firestore";
import { memberDocSchema, type MemberDoc } from "../schemas/documents/organisations";
import { converterFor, wellFormed } from "./converter";
import { chunks, COLLECTIONS, readDoc } from "./firestore";
import { organisationRef } from "./organisations";

/**
 * Members of an organisation (`organisations/{org}/members/{uid}`: uid, role, status, since) for
 * the admin callables, with whether each Auth account is disabled. Ids, roles and dates only:
 * no names, emails or phone numbers leave through here.
 */

export type { MemberDoc };

const members = (org: string) =>
  organisationRef(org).collection(COLLECTIONS.members).withConverter(converterFor(memberDocSchema));

export const memberRef = (org: string, uid: string) => members(org).doc(uid);

export function getMember(org: string, uid: string, tx?: Transaction): Promise<MemberDoc | null> {
  return readDoc(memberRef(org, uid), tx);
}

/** Records membership (role, since when); the claims remain the source of truth for access. */
export function setMember(tx: Transaction, org: string, uid: string, role: string, now: Date): void {
  tx.set(memberRef(org, uid), { uid, role, status: "active", since: Timestamp.fromDate(now) });
}

export function updateMember(tx: Transaction, org: string, uid: string, patch: UpdateData<MemberDoc>): void {
  tx.update(memberRef(org, uid), patch);
}

export interface MemberRow {
  uid: string;
  role: string;
  status: string;
  since: Date | null;
  /** The Auth account is disabled (suspended); null when the account no longer exists. */
  disabled: boolean | null;
}

export interface MemberFilters {
  role?: string;
  status?: string;
}

/** Equality filters and document-id order: served by single-field indexes (index merging). */
function membersQuery(org: string, filters: MemberFilters): Query<MemberDoc> {
  let query: Query<MemberDoc> = members(org);
  if (filters.role) query = query.where("role", "==", filters.role);
  if (filters.status) query = query.where("status", "==", filters.status);
  return query.orderBy(FieldPath.documentId());
}

/** The rows of member documents, in their order; malformed ones left out (and logged). */
function rowsOf(docs: Array<{ id: string; data(): MemberDoc }>): MemberRow[] {
  return wellFormed(docs.map((d) => ({ data: () => memberRow(d.id, d.data()) })));
}

/** A page of members in uid order; `nextCursor` is the last uid when the page is full. */
export async function findMembers(
  org: string,
  filters: MemberFilters,
  pageSize: number,
  cursor?: string,
): Promise<{ members: MemberRow[]; nextCursor: string | null }> {
  let query = membersQuery(org, filters);
  if (cursor) query = query.startAfter(cursor);
  const snap = await query.limit(pageSize).get();
  const rows = await withDisabled(rowsOf(snap.docs));
  return { members: rows, nextCursor: snap.size === pageSize ? snap.docs[snap.size - 1].id : null };
}

/** Every member matching the filters, at most `cap`; `truncated` when there were more. */
export async function findMembersForExport(
  org: string,
  filters: MemberFilters,
  cap: number,
): Promise<{ members: MemberRow[]; truncated: boolean }> {
  const snap = await membersQuery(org, filters)
    .limit(cap + 1)
    .get();
  const rows = await withDisabled(rowsOf(snap.docs.slice(0, cap)));
  return { members: rows, truncated: snap.size > cap };
}

function memberRow(id: string, member: MemberDoc): MemberRow {
  return {
    uid: id,
    role: member.role,
    status: member.status ?? "active",
    since: member.since?.toDate() ?? null,
    disabled: null,
  };
}

/** Auth's `getUsers` takes 100 identifiers a call; a few calls run at once. */
const AUTH_BATCH = 100;
const AUTH_PARALLEL = 5;

async function withDisabled(rows: MemberRow[]): Promise<MemberRow[]> {
  const disabled = new Map<string, boolean>();
  const batches = chunks(
    rows.map((r) => ({ uid: r.uid })),
    AUTH_BATCH,
  );
  for (const group of chunks(batches, AUTH_PARALLEL)) {
    const results = await Promise.all(group.map((ids) => getAuth().getUsers(ids)));
    for (const result of results) for (const user of result.users) disabled.set(user.uid, user.disabled);
  }
  return rows.map((r) => ({ ...r, disabled: disabled.get(r.uid) ?? null }));
}
