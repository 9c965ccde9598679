import { getAuth } from "firebase-admin/auth";
import { FieldPath, Timestamp, type Query } from "firebase-admin/firestore";
import { chunks, COLLECTIONS } from "./firestore";
import { organisationRef } from "./organisations";

/**
 * Members of an organisation (`organisations/{org}/members/{uid}`: uid, role, status, since) for
 * the admin callables, with whether each Auth account is disabled. Ids, roles and dates only:
 * no names, emails or phone numbers leave through here.
 */

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
function membersQuery(org: string, filters: MemberFilters): Query {
  let query: Query = organisationRef(org).collection(COLLECTIONS.members);
  if (filters.role) query = query.where("role", "==", filters.role);
  if (filters.status) query = query.where("status", "==", filters.status);
  return query.orderBy(FieldPath.documentId());
}

/** A page of members in uid order; `nextCursor` is the last uid when the page is full. */
export async function membersPage(
  org: string,
  filters: MemberFilters,
  pageSize: number,
  cursor?: string,
): Promise<{ members: MemberRow[]; nextCursor: string | null }> {
  let query = membersQuery(org, filters);
  if (cursor) query = query.startAfter(cursor);
  const snap = await query.limit(pageSize).get();
  const members = await withDisabled(snap.docs.map((d) => memberRow(d.id, d.data())));
  return { members, nextCursor: snap.size === pageSize ? snap.docs[snap.size - 1].id : null };
}

/** Every member matching the filters, at most `cap`; `truncated` when there were more. */
export async function membersForExport(
  org: string,
  filters: MemberFilters,
  cap: number,
): Promise<{ members: MemberRow[]; truncated: boolean }> {
  const snap = await membersQuery(org, filters)
    .limit(cap + 1)
    .get();
  const members = await withDisabled(snap.docs.slice(0, cap).map((d) => memberRow(d.id, d.data())));
  return { members, truncated: snap.size > cap };
}

function memberRow(id: string, data: FirebaseFirestore.DocumentData): MemberRow {
  const since =
    data.since instanceof Timestamp ? data.since.toDate() : data.since instanceof Date ? data.since : null;
  return {
    uid: id,
    role: String(data.role ?? ""),
    status: String(data.status ?? "active"),
    since,
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
