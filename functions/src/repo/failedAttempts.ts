import type { DocumentData, UpdateData } from "firebase-admin/firestore";
import { db } from "./firestore";
import type { CollectionName } from "./stored";

/**
 * A scheduled run's failed attempt on one document, in its own transaction: `write` gets the
 * attempts counted so far in `attemptsField` (0 when there are none) and returns the fields to
 * write and the answer. Read and written without the converter, so a malformed document is
 * counted and moved on too (that is often why the attempt failed). False when the document is gone.
 */
export function recordFailedAttempt<R>(
  collection: CollectionName,
  id: string,
  attemptsField: string,
  write: (previousAttempts: number) => { patch: UpdateData<DocumentData>; answer: R },
): Promise<R | false> {
  const raw = db().collection(collection).doc(id);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(raw);
    if (!snap.exists) return false;
    const previous: unknown = snap.get(attemptsField);
    const { patch, answer } = write(typeof previous === "number" ? previous : 0);
    tx.update(raw, patch);
    return answer;
  });
}
