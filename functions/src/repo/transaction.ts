import type { Transaction, WriteBatch } from "firebase-admin/firestore";
import { db } from "./firestore";

export type { Transaction };

/** Where a change's own writes go: its transaction, or its atomic batch (repo/optimistic.ts). */
export type ChangeWriter = Transaction | WriteBatch;

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
