import {
  FieldValue,
  Timestamp,
  type QueryDocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";
import { recordDocSchema, type RecordDoc } from "../schemas/documents/records";
import type { RecordType } from "../schemas/records";
import type { Page } from "./appointments";
import { wellFormed } from "./converter";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { RecordDoc };

/** records/{id}: health-record metadata; the files are in Cloud Storage (domain/records/paths.ts). */
const records = documents(COLLECTIONS.records, recordDocSchema);
const recordRef = records.ref;

/** A fresh record id, for the Storage path the upload URL is signed for. */
export const newRecordId = records.newId;
export const getRecord = records.get;
export const createRecord = records.create;

export function updateRecord(
  tx: Transaction,
  id: string,
  patch: Pick<Partial<RecordDoc>, "status" | "path" | "readyAt" | "rejectReason" | "rejectedAt">,
): void {
  records.update(tx, id, patch);
}

/** Lets the doctor of an appointment read the record until `until`, and notes the appointment. */
export function shareRecord(
  tx: Transaction,
  id: string,
  share: { doctorUid: string; appointmentId: string; until: Timestamp },
): void {
  tx.update(recordRef(id), {
    [`shares.${share.doctorUid}`]: share.until,
    sharedFor: FieldValue.arrayUnion(share.appointmentId),
  });
}

/** The record's shares as instants, as authz/clinical.ts `recordAccess` takes them. */
export function sharesOf(record: RecordDoc): Record<string, Date> {
  return Object.fromEntries(Object.entries(record.shares).map(([uid, until]) => [uid, until.toDate()]));
}

export interface RecordFilters {
  type?: RecordType;
  provider?: string;
  from?: string;
  to?: string;
}

/** Where a page of records ends: the last record's id, or its snapshot when the caller holds it. */
export type RecordCursor = string | QueryDocumentSnapshot<RecordDoc>;

/**
 * One page of a patient's ready records, newest first, after `cursor` (a snapshot costs no read).
 * Malformed records are left out of `items` but still move the cursor; `next` is null after the
 * last page.
 */
export async function findRecordsPage(
  patientUid: string,
  filters: RecordFilters,
  pageSize: number,
  cursor?: RecordCursor,
): Promise<Page<RecordDoc & { id: string }, RecordCursor>> {
  let query = records.collection().where("patientUid", "==", patientUid).where("status", "==", "ready");
  if (filters.type) query = query.where("type", "==", filters.type);
  if (filters.provider) query = query.where("provider", "==", filters.provider);
  if (filters.from) query = query.where("date", ">=", filters.from);
  if (filters.to) query = query.where("date", "<=", filters.to);
  query = query.orderBy("date", "desc").orderBy("createdAt", "desc");
  if (cursor) {
    const last = typeof cursor === "string" ? await recordRef(cursor).get() : cursor;
    // Only a record of this patient places the page (the handler refuses any other cursor).
    if (last.exists && last.get("patientUid") === patientUid) query = query.startAfter(last);
  }
  const snap = await query.limit(pageSize).get();
  const items = wellFormed(snap.docs.map((d) => ({ data: () => ({ ...d.data(), id: d.id }) })));
  return { items, next: snap.size === pageSize ? snap.docs[snap.size - 1] : null };
}
