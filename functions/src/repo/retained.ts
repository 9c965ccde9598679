import type { RetainedDoc } from "../schemas/documents/retained";
import { COLLECTIONS } from "./firestore";
import {
  commitWrites,
  storedPath,
  type CollectionName,
  type StoredDocument,
  type StoredWrite,
} from "./stored";

export type { RetainedDoc };

/** A document of care to retain, as stored, with the documents of its subcollection. */
export interface CareDocument extends StoredDocument {
  collection: CollectionName;
  subcollection?: string;
  children: StoredDocument[];
}

/**
 * Moves a deleted account's documents of care into `retained/{patientUid}` (no rule opens it): the
 * archive's header first, then each document copied with `retainUntil` and deleted where it was,
 * its subcollection's documents flattened into `{collection}_{subcollection}/{parentId}_{id}` with
 * `parentId`. A copy is written before its original is deleted, so a run cut short loses nothing.
 */
export async function moveToRetained(header: RetainedDoc, documents: CareDocument[]): Promise<void> {
  const archive = storedPath(COLLECTIONS.retained, header.patientUid);
  const writes: StoredWrite[] = [{ set: archive, data: header }];
  for (const doc of documents) {
    writes.push({
      set: `${archive}/${doc.collection}/${doc.id}`,
      data: { ...doc.data, retainUntil: header.retainUntil },
    });
    writes.push({ delete: doc.path });
    for (const child of doc.children) {
      writes.push({
        set: `${archive}/${doc.collection}_${doc.subcollection}/${doc.id}_${child.id}`,
        data: { ...child.data, parentId: doc.id },
      });
      writes.push({ delete: child.path });
    }
  }
  await commitWrites(writes);
}
