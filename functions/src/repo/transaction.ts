import type { Transaction } from "firebase-admin/firestore";
import { db } from "./firestore";

export type { Transaction };

/**
 * Runs `work` in a Firestore transaction (retried by the SDK on contention, so `work` must only
 * read and write through `tx` and have no other side effects). `maxAttempts` raises the SDK's
 * retries (5) where contention is expected, as when confirming a slot hold.
 */
export function runTransaction<T>(
  work: (tx: Transaction) => Promise<T>,
  options?: { maxAttempts?: number },
): Promise<T> {
  return db().runTransaction(work, options);
}
