import { Timestamp } from "firebase-admin/firestore";
import type { RecordContentType, RecordType } from "../schemas/records";
import { COLLECTIONS, db } from "./firestore";

export const recordRef = (id: string) => db().collection(COLLECTIONS.records).doc(id);
export const newRecordRef = () => db().collection(COLLECTIONS.records).doc();
export const recordPath = (patientUid: string, recordId: string) => `records/${patientUid}/${recordId}`;

export interface RecordDoc {
  patientUid: string;
  type: RecordType;
  title: string;
  date: string;
  provider: string | null;
  tags: string[];
  contentType: RecordContentType;
  sizeBytes: number;
  path: string;
  status: "pending" | "ready" | "rejected";
  rejectReason?: string;
  uploadedBy: string;
  uploaderRole: string;
  appointmentId: string | null;
  /** Doctor uid → until when the doctor of a shared appointment may read it. */
  shares: Record<string, Date>;
  createdAt: Date;
  readyAt?: Date;
}

export function recordFrom(data: FirebaseFirestore.DocumentData): RecordDoc {
  const shares = Object.fromEntries(
    Object.entries((data.shares ?? {}) as Record<string, Timestamp>).map(([k, v]) => [k, v.toDate()]),
  );
  return {
    ...data,
    shares,
    createdAt: data.createdAt?.toDate(),
    readyAt: data.readyAt?.toDate(),
  } as RecordDoc;
}

export async function getRecord(id: string): Promise<RecordDoc | null> {
  const snap = await recordRef(id).get();
  return snap.exists ? recordFrom(snap.data()!) : null;
}

export interface RecordFilters {
  type?: RecordType;
  provider?: string;
  from?: string;
  to?: string;
}

/**
 * One page of a patient's ready records, newest first, after `cursor`: the last record id of the
 * previous page, or its snapshot when the caller holds it (no read then).
 */
export async function recordsPage(
  patientUid: string,
  filters: RecordFilters,
  pageSize: number,
  cursor?: string | FirebaseFirestore.DocumentSnapshot,
) {
  let query = db()
    .collection(COLLECTIONS.records)
    .where("patientUid", "==", patientUid)
    .where("status", "==", "ready");
  if (filters.type) query = query.where("type", "==", filters.type);
  if (filters.provider) query = query.where("provider", "==", filters.provider);
  if (filters.from) query = query.where("date", ">=", filters.from);
  if (filters.to) query = query.where("date", "<=", filters.to);
  query = query.orderBy("date", "desc").orderBy("createdAt", "desc");
  if (cursor) {
    const last = typeof cursor === "string" ? await recordRef(cursor).get() : cursor;
    if (last.exists) query = query.startAfter(last);
  }
  const snap = await query.limit(pageSize).get();
  const full = snap.size === pageSize;
  return {
    records: snap.docs.map((d) => ({ id: d.id, ...recordFrom(d.data()) })),
    nextCursor: full ? snap.docs[snap.size - 1].id : null,
    lastSnapshot: full ? snap.docs[snap.size - 1] : null,
  };
}

export interface AccessEntry {
  patientUid: string;
  recordId: string;
  actorUid: string;
  actorRole: string;
  action: "list" | "download";
  basis: "owner" | "share" | "consent";
  consentId: string | null;
  at: Date;
}

/** Appends access-log entries (one batch; a page is at most 50). */
export async function logAccess(entries: AccessEntry[]): Promise<void> {
  if (!entries.length) return;
  const batch = db().batch();
  for (const entry of entries) batch.create(db().collection(COLLECTIONS.accessLog).doc(), entry);
  await batch.commit();
}
