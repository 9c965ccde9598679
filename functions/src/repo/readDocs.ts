import type { DocumentReference, DocumentSnapshot } from "firebase-admin/firestore";
import { wellFormed } from "./converter";
import { chunks, db, GET_ALL_CHUNK } from "./firestore";

/**
 * Many documents by reference (`getAll`, GET_ALL_CHUNK at a time; only the `fieldMask` fields when
 * given), with their ids: those that exist and match their schema (the others are logged by the
 * converter and left out).
 */
export async function readDocs<T>(
  refs: Array<DocumentReference<T>>,
  fieldMask?: string[],
): Promise<Array<T & { id: string }>> {
  const out: Array<T & { id: string }> = [];
  for (const part of chunks(refs, GET_ALL_CHUNK)) {
    // getAll keeps each reference's converter; its typing does not say so.
    const read = fieldMask
      ? [...(part as DocumentReference[]), { fieldMask }]
      : (part as DocumentReference[]);
    const snaps = (await db().getAll(...read)) as Array<DocumentSnapshot<T>>;
    const found = snaps.filter((s) => s.exists);
    out.push(...wellFormed(found.map((s) => ({ data: () => ({ ...s.data()!, id: s.id }) }))));
  }
  return out;
}
