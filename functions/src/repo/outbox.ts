import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { afterSend, canClaim, claim, type SendOutcome } from "../domain/notifications/outbox";
import { outboxDocSchema, type OutboxDoc, type OutboxState } from "../schemas/documents/outbox";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { OutboxDoc };

export type NewMessage = Pick<
  OutboxDoc,
  "kind" | "channel" | "to" | "recipientUid" | "language" | "body" | "required" | "appointmentId"
> & { fallbackOf?: string };

const outbox = () => db().collection(COLLECTIONS.outbox).withConverter(converterFor(outboxDocSchema));

export const outboxRef = (id: string) => outbox().doc(id);

export function getOutboxMessage(id: string, tx?: Transaction): Promise<OutboxDoc | null> {
  return readDoc(outboxRef(id), tx);
}

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
export function createOutboxMessage(tx: Transaction, id: string, message: NewMessage, now: Date): void {
  tx.create(outboxRef(id), newOutboxDoc(message, now));
}

const ms = (t: Timestamp | null | undefined) => (t ? t.toMillis() : null);

/** Claims a message for one worker, in a transaction; null if it is not claimable now. */
export async function claimOutboxMessage(id: string, now: Date, owner: string): Promise<OutboxDoc | null> {
  return db().runTransaction(async (tx) => {
    const doc = await getOutboxMessage(id, tx);
    if (!doc) return null;
    const status = {
      state: doc.state,
      attempts: doc.attempts,
      leaseUntilMs: ms(doc.leaseUntil),
      nextAttemptAtMs: ms(doc.nextAttemptAt),
    };
    if (!canClaim(status, now.getTime())) return null;
    const c = claim(status, now.getTime(), owner);
    const patch = {
      state: c.state,
      attempts: c.attempts,
      leaseUntil: Timestamp.fromMillis(c.leaseUntilMs),
      leaseOwner: owner,
      updatedAt: Timestamp.fromDate(now),
    };
    tx.update(outboxRef(id), patch);
    return { ...doc, ...patch };
  });
}

/** One send attempt of a claimed message: by whom (the lease), which attempt, and how it went. */
export interface SendAttempt {
  id: string;
  owner: string;
  attempts: number;
  outcome: SendOutcome;
}

/** Saves a send's outcome if this worker still holds the lease; the new state, or null if it lost it. */
export async function saveSendOutcome(attempt: SendAttempt, now: Date): Promise<OutboxState | null> {
  return db().runTransaction(async (tx) => {
    const doc = await getOutboxMessage(attempt.id, tx);
    if (doc?.state !== "processing" || doc.leaseOwner !== attempt.owner) return null;
    const next = afterSend(attempt.attempts, attempt.outcome, now.getTime());
    const { nextAttemptAtMs, ...rest } = next;
    tx.update(outboxRef(attempt.id), {
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
export async function findDueOutboxMessageIds(now: Date, limit: number): Promise<string[]> {
  const at = Timestamp.fromDate(now);
  const oldestFirst = (state: OutboxState, field: "nextAttemptAt" | "leaseUntil", op: "<" | "<=") =>
    readQuery(outbox().where("state", "==", state).where(field, op, at).orderBy(field).limit(limit));
  const [retries, stuck] = await Promise.all([
    oldestFirst("retry", "nextAttemptAt", "<="),
    oldestFirst("processing", "leaseUntil", "<"),
  ]);
  return [...retries, ...stuck].map((d) => d.id);
}

/** The id of the message the provider knows by this id (Twilio's MessageSid), or null. */
export async function findOutboxIdByProviderId(providerId: string): Promise<string | null> {
  const found = await outbox().where("providerId", "==", providerId).limit(1).select().get();
  return found.empty ? null : found.docs[0].id;
}
