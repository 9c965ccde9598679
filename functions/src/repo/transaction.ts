import type { Transaction } from "firebase-admin/firestore";
import { db } from "./firestore";

export type { Transaction };

/**
 * Runs `work` in a Firestore transaction (retried by the SDK on contention, so `work` must only
 * read and write through `tx` and have no other side effects).
 */
export function runTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db().runTransaction(work);
}
