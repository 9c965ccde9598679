import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/shared/canonical";
import { idempotencyDocId } from "../domain/booking/keys";
import { idempotencyDocSchema } from "../schemas/documents/idempotency";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";
import { appError } from "../schemas/errors";

/** Idempotency records are kept a week, then removed by the TTL policy on `expireAt`. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

const records = () =>
  db().collection(COLLECTIONS.idempotency).withConverter(converterFor(idempotencyDocSchema));
const recordRef = (uid: string, key: string) => records().doc(idempotencyDocId(uid, key));

export interface IdempotentCall {
  uid: string;
  key: string | undefined;
  operation: string;
  request: unknown;
}

/**
 * The call of a request that carries its own idempotency key: a retry must repeat the whole
 * request but the key.
 */
export function idempotentCall(
  uid: string,
  operation: string,
  input: { idempotencyKey?: string | undefined },
): IdempotentCall {
  return { uid, key: input.idempotencyKey, operation, request: { ...input, idempotencyKey: undefined } };
}

/** sha256 of the operation and its canonical request: a key reused for another request is refused. */
export const requestHash = (call: IdempotentCall) =>
  createHash("sha256")
    .update(`${call.operation}\n${canonicalJson(call.request)}`)
    .digest("hex");

/**
 * The recorded answer to this call, or null when it is new (or carries no key). A key reused
 * for a different request is refused. Pass the transaction to check inside it (before any
 * write), or none for the fast path.
 */
export async function getRecordedAnswer<T>(call: IdempotentCall, tx?: Transaction): Promise<T | null> {
  if (!call.key) return null;
  const recorded = await readDoc(recordRef(call.uid, call.key), tx);
  if (!recorded) return null;
  if (recorded.requestHash !== requestHash(call))
    throw appError(
      "already-exists",
      "idempotency-key-reused",
      "this idempotency key was already used for a different request",
    );
  return recorded.result as T;
}

/** In the same transaction as the change: keeps the answer for a retry with the same key. */
export function createRecordedAnswer(
  tx: Transaction,
  call: IdempotentCall,
  result: unknown,
  now: Date,
): void {
  if (!call.key) return;
  tx.create(recordRef(call.uid, call.key), {
    uid: call.uid,
    operation: call.operation,
    requestHash: requestHash(call),
    result,
    createdAt: Timestamp.fromDate(now),
    expireAt: Timestamp.fromMillis(now.getTime() + KEEP_MS),
  });
}
