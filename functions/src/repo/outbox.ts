import { Timestamp, type Transaction } from "firebase-admin/firestore";
import {
  afterSend,
  canClaim,
  claim,
  type OutboxState,
  type SendOutcome,
} from "../domain/notifications/outbox";
import type { MessageKind } from "../domain/notifications/templates";
import type { Language } from "../schemas/common";
import { COLLECTIONS, db } from "./firestore";

/** An outbound message. The phone number and body are here only: never in logs. */
export interface OutboxDoc {
  kind: MessageKind;
  channel: "sms" | "whatsapp";
  to: string;
  recipientUid: string;
  language: Language;
  body: string;
  /** Sent even to an opted-out number (the clinic cancelled: the patient must know). */
  required: boolean;
  appointmentId: string | null;
  state: OutboxState;
  attempts: number;
  leaseUntil: Timestamp | null;
  leaseOwner: string | null;
  nextAttemptAt: Timestamp | null;
  providerId: string | null;
  providerStatus: string | null;
  error: { code: string; message: string } | null;
  fallbackOf: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** TTL: outbox entries are removed a year after they were written. */
  expireAt: Timestamp;
}

export type NewMessage = Pick<
  OutboxDoc,
  "kind" | "channel" | "to" | "recipientUid" | "language" | "body" | "required" | "appointmentId"
> & { fallbackOf?: string };

export const outboxRef = (id: string) => db().collection(COLLECTIONS.outbox).doc(id);

export function newOutboxDoc(message: NewMessage, now: Date): OutboxDoc {
  const at = Timestamp.fromDate(now);
  return {
    ...message,
    fallbackOf: message.fallbackOf ?? null,
    state: "pending",
    attempts: 0,
    leaseUntil: null,
    leaseOwner: null,
    nextAttemptAt: null,
    providerId: null,
    providerStatus: null,
    error: null,
    createdAt: at,
    updatedAt: at,
    expireAt: Timestamp.fromMillis(now.getTime() + 365 * 24 * 3600 * 1000),
  };
}

/** Enqueues a message inside the transaction that causes it; the id makes it unique. */
export function enqueue(tx: Transaction, id: string, message: NewMessage, now: Date): void {
  tx.create(outboxRef(id), newOutboxDoc(message, now));
}

const ms = (t: Timestamp | null | undefined) => (t ? t.toMillis() : null);

/** Claims a message for one worker, in a transaction; null if it is not claimable now. */
export async function claimMessage(id: string, now: Date, owner: string): Promise<OutboxDoc | null> {
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(outboxRef(id));
    if (!snap.exists) return null;
    const doc = snap.data() as OutboxDoc;
    if (
      !canClaim(
        {
          state: doc.state,
          attempts: doc.attempts,
          leaseUntilMs: ms(doc.leaseUntil),
          nextAttemptAtMs: ms(doc.nextAttemptAt),
        },
        now.getTime(),
      )
    )
      return null;
    const c = claim({ state: doc.state, attempts: doc.attempts }, now.getTime(), owner);
    const patch = {
      state: c.state,
      attempts: c.attempts,
      leaseUntil: Timestamp.fromMillis(c.leaseUntilMs),
      leaseOwner: owner,
      updatedAt: Timestamp.fromDate(now),
    };
    tx.update(snap.ref, patch);
    return { ...doc, ...patch };
  });
}

/** Records a send's outcome if this worker still holds the lease. */
export async function recordSendOutcome(
  id: string,
  owner: string,
  attempts: number,
  outcome: SendOutcome,
  now: Date,
): Promise<OutboxState | null> {
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(outboxRef(id));
    if (!snap.exists || snap.get("state") !== "processing" || snap.get("leaseOwner") !== owner) return null;
    const next = afterSend(attempts, outcome, now.getTime());
    const { nextAttemptAtMs, ...rest } = next;
    tx.update(snap.ref, {
      ...rest,
      nextAttemptAt: nextAttemptAtMs === null ? null : Timestamp.fromMillis(nextAttemptAtMs),
      leaseUntil: null,
      leaseOwner: null,
      updatedAt: Timestamp.fromDate(now),
    });
    return next.state;
  });
}

/** Messages a sweep should look at: retries that are due, and leases that ended. */
export async function dueMessageIds(now: Date, limit: number): Promise<string[]> {
  const at = Timestamp.fromDate(now);
  const [retries, stuck] = await Promise.all([
    db()
      .collection(COLLECTIONS.outbox)
      .where("state", "==", "retry")
      .where("nextAttemptAt", "<=", at)
      .orderBy("nextAttemptAt")
      .limit(limit)
      .get(),
    db()
      .collection(COLLECTIONS.outbox)
      .where("state", "==", "processing")
      .where("leaseUntil", "<", at)
      .orderBy("leaseUntil")
      .limit(limit)
      .get(),
  ]);
  return [...retries.docs, ...stuck.docs].map((d) => d.id);
}

export const optOutRef = (phone: string) => db().collection(COLLECTIONS.optOuts).doc(phone);

export async function isOptedOut(phone: string): Promise<boolean> {
  return (await optOutRef(phone).get()).exists;
}

/** The message, in the transaction when one is given; null when it does not exist. */
export async function getOutboxMessage(id: string, tx?: Transaction): Promise<OutboxDoc | null> {
  const snap = tx ? await tx.get(outboxRef(id)) : await outboxRef(id).get();
  return snap.exists ? (snap.data() as OutboxDoc) : null;
}

/** The id of the message the provider knows by this id (Twilio's MessageSid), or null. */
export async function findOutboxIdByProviderId(providerId: string): Promise<string | null> {
  const found = await db()
    .collection(COLLECTIONS.outbox)
    .where("providerId", "==", providerId)
    .limit(1)
    .get();
  return found.empty ? null : found.docs[0].id;
}
