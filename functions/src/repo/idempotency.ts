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
  createHash("sha256").update(`${call.operation}\n${canonicalJson(call.request)}`).digest("hex");

export type Replay<T> = { kind: "fresh" } | { kind: "replay"; result: T } | { kind: "mismatch" };

/** Inside the transaction, before any write: was this call already answered? */
export async function findReplay<T>(tx: Transaction, call: IdempotentCall): Promise<Replay<T>> {
  if (!call.key) return { kind: "fresh" };
  const snap = await tx.get(db().collection(COLLECTIONS.idempotency).doc(idempotencyDocId(call.uid, call.key)));
  if (!snap.exists) return { kind: "fresh" };
  return snap.get("requestHash") === requestHash(call) ? { kind: "replay", result: snap.get("result") as T } : { kind: "mismatch" };
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

/** Outside a transaction: the fast path for a retry whose answer is already recorded. */
export async function findReplayNow<T>(call: IdempotentCall): Promise<Replay<T>> {
  if (!call.key) return { kind: "fresh" };
  const snap = await db().collection(COLLECTIONS.idempotency).doc(idempotencyDocId(call.uid, call.key)).get();
  if (!snap.exists) return { kind: "fresh" };
  return snap.get("requestHash") === requestHash(call) ? { kind: "replay", result: snap.get("result") as T } : { kind: "mismatch" };
}

/**
 * The recorded answer to this call, or null when it is new. A key reused for a different
 * request is refused. Pass the transaction to check inside it, or none for the fast path.
 */
export async function recordedAnswer<T>(call: IdempotentCall, tx?: Transaction): Promise<T | null> {
  const replay = tx ? await findReplay<T>(tx, call) : await findReplayNow<T>(call);
  if (replay.kind === "mismatch") throw new HttpsError("already-exists", "this idempotency key was already used for a different request");
  return replay.kind === "replay" ? replay.result : null;
}
