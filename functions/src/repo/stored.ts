import type { DocumentData, DocumentSnapshot } from "firebase-admin/firestore";
import { chunks, COLLECTIONS, db } from "./firestore";

/**
 * Documents as stored, whatever their shape, for the two jobs that carry a patient's documents
 * whole across collections: "export my data" (every field the patient's documents hold) and
 * account deletion (which moves the record of care into retained/ as it is, and erases the rest).
 * A collection's schema would drop the fields it does not name and skip a malformed document, which
 * must still be exported, moved or erased; so these functions read without converters. Every other
 * read goes through its collection's module.
 */
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

export interface StoredDocument {
  id: string;
  /** Where it is, to move or erase it. */
  path: string;
  data: DocumentData;
}

/** The field that names the patient a document is about; `patientUid` unless listed here. */
const PATIENT_FIELD: Partial<Record<CollectionName, string>> = { outbox: "recipientUid" };

export const storedPath = (collection: CollectionName, id: string) => `${collection}/${id}`;

const stored = (snap: DocumentSnapshot): StoredDocument => ({
  id: snap.id,
  path: snap.ref.path,
  data: snap.data() ?? {},
});

export async function getStored(collection: CollectionName, id: string): Promise<StoredDocument | null> {
  const snap = await db().collection(collection).doc(id).get();
  return snap.exists ? stored(snap) : null;
}

/** Every document of the collection about this patient. */
export async function findStoredByPatient(
  collection: CollectionName,
  patientUid: string,
): Promise<StoredDocument[]> {
  const field = PATIENT_FIELD[collection] ?? "patientUid";
  const snap = await db().collection(collection).where(field, "==", patientUid).get();
  return snap.docs.map(stored);
}

/** The documents of one subcollection of a document, ordered by a field when one is named. */
export async function findStoredChildren(
  parent: StoredDocument,
  subcollection: string,
  orderBy?: string,
): Promise<StoredDocument[]> {
  const children = db().doc(parent.path).collection(subcollection);
  const snap = await (orderBy ? children.orderBy(orderBy) : children).get();
  return snap.docs.map(stored);
}

/** One write of a batched job: a whole document set at a path, or a path deleted. */
export type StoredWrite = { set: string; data: DocumentData } | { delete: string };

const WRITES_PER_BATCH = 400;

/**
 * Applies the writes in order, in batches of 400 (a batch holds at most 500): each batch is
 * atomic, the job as a whole is not, so the writes are ordered to be safe to run again.
 */
export async function commitWrites(writes: StoredWrite[]): Promise<void> {
  for (const part of chunks(writes, WRITES_PER_BATCH)) {
    const batch = db().batch();
    for (const write of part) {
      if ("set" in write) batch.set(db().doc(write.set), write.data);
      else batch.delete(db().doc(write.delete));
    }
    await batch.commit();
  }
}
