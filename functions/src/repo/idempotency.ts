import type { Transaction } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/shared/canonical";
import { idempotencyDocId } from "../domain/booking/keys";
import { COLLECTIONS, db } from "./firestore";

/** Idempotency records are kept a week, then removed by the TTL policy on `expireAt`. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

export interface IdempotentCall {
  uid: string;
  key: string | undefined;
  operation: string;
  request: unknown;
}

const requestHash = (call: IdempotentCall) =>
  createHash("sha256")
    .update(`${call.operation}\n${canonicalJson(call.request)}`)
    .digest("hex");

type Replay<T> = { kind: "fresh" } | { kind: "replay"; result: T } | { kind: "mismatch" };

/** Was this call already answered? Read in the transaction (before any write) or, without one, as a fast path. */
async function findReplay<T>(call: IdempotentCall, tx?: Transaction): Promise<Replay<T>> {
  if (!call.key) return { kind: "fresh" };
  const ref = db().collection(COLLECTIONS.idempotency).doc(idempotencyDocId(call.uid, call.key));
  const snap = tx ? await tx.get(ref) : await ref.get();
  if (!snap.exists) return { kind: "fresh" };
  return snap.get("requestHash") === requestHash(call)
    ? { kind: "replay", result: snap.get("result") as T }
    : { kind: "mismatch" };
}

/** In the same transaction as the change: remember the answer. */
export function rememberResult(tx: Transaction, call: IdempotentCall, result: unknown, now: Date): void {
  if (!call.key) return;
  tx.create(db().collection(COLLECTIONS.idempotency).doc(idempotencyDocId(call.uid, call.key)), {
    uid: call.uid,
    operation: call.operation,
    requestHash: requestHash(call),
    result,
    createdAt: now,
    expireAt: new Date(now.getTime() + KEEP_MS),
  });
}

/**
 * The recorded answer to this call, or null when it is new. A key reused for a different
 * request is refused. Pass the transaction to check inside it, or none for the fast path.
 */
export async function recordedAnswer<T>(call: IdempotentCall, tx?: Transaction): Promise<T | null> {
  const replay = await findReplay<T>(call, tx);
  if (replay.kind === "mismatch")
    throw new HttpsError("already-exists", "this idempotency key was already used for a different request");
  return replay.kind === "replay" ? replay.result : null;
}
