import { Timestamp, type Transaction } from "firebase-admin/firestore";
import {
  abandonedAfterLease,
  afterSend,
  canClaim,
  claim,
  LEASE_MS,
  nextInConversation,
  waitsForEarlier,
  type QueuedMessage,
  type SendOutcome,
} from "../domain/notifications/outbox";
import { outboxDocSchema, type OutboxDoc, type OutboxState } from "../schemas/documents/outbox";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { OutboxDoc };

export type NewMessage = Pick<
  OutboxDoc,
  "kind" | "channel" | "to" | "recipientUid" | "language" | "body" | "required" | "appointmentId"
> & {
  fallbackOf?: string;
  /** Not before this instant (a clinician's quiet hours): written `scheduled`, claimed once it is due. */
  sendAt?: Date;
};

const outbox = () => db().collection(COLLECTIONS.outbox).withConverter(converterFor(outboxDocSchema));

export const outboxRef = (id: string) => outbox().doc(id);

export function getOutboxMessage(id: string, tx?: Transaction): Promise<OutboxDoc | null> {
  return readDoc(outboxRef(id), tx);
}

export function newOutboxDoc(message: NewMessage, now: Date): OutboxDoc {
  const at = Timestamp.fromDate(now);
  const { sendAt, ...fields } = message;
  const later = sendAt && sendAt.getTime() > now.getTime() ? sendAt : null;
  return {
    ...fields,
    fallbackOf: message.fallbackOf ?? null,
    state: later ? "scheduled" : "pending",
    attempts: 0,
    leaseUntil: null,
    leaseOwner: null,
    nextAttemptAt: later ? Timestamp.fromDate(later) : null,
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

/**
 * True while a message written before this one, about the same appointment to the same number,
 * is still on its way (domain/notifications/outbox.ts `waitsForEarlier`). Read outside the
 * claim's transaction: what it waits for only moves towards `sent` or `failed`, which are final.
 */
async function waitsForEarlierMessage(id: string, doc: OutboxDoc): Promise<boolean> {
  if (!doc.appointmentId) return false;
  return waitsForEarlier({ id, createdAtMs: doc.createdAt.toMillis() }, await conversationOf(doc));
}

/** The messages about the message's appointment to its number (none without an appointment). */
async function conversationOf(doc: Pick<OutboxDoc, "appointmentId" | "to">): Promise<QueuedMessage[]> {
  if (!doc.appointmentId) return [];
  const conversation = await outbox()
    .where("appointmentId", "==", doc.appointmentId)
    .where("to", "==", doc.to)
    .select("createdAt", "state")
    .get();
  return conversation.docs.map((d) => ({
    id: d.id,
    createdAtMs: (d.get("createdAt") as Timestamp | undefined)?.toMillis() ?? 0,
    state: d.get("state") as OutboxState,
  }));
}

/**
 * The message that was waiting for this one (domain/notifications/outbox.ts `nextInConversation`),
 * once this one is sent or failed: the sender sends it next, instead of leaving it to the sweep.
 */
export async function findNextInConversation(
  id: string,
  doc: Pick<OutboxDoc, "appointmentId" | "to" | "createdAt">,
): Promise<string | null> {
  if (!doc.appointmentId) return null;
  return nextInConversation({ id, createdAtMs: doc.createdAt.toMillis() }, await conversationOf(doc));
}

/**
 * Claims a message for one worker, in a transaction; null if it is not claimable now, "waiting"
 * while an earlier message of its conversation is on its way (it is claimed after that one, by
 * the next sweep at the latest), and "abandoned" when its lease ended after its last attempt (its
 * worker died every time): it is failed then (`lease-expired`) instead of claimed again.
 */
export async function claimOutboxMessage(
  id: string,
  now: Date,
  owner: string,
): Promise<OutboxDoc | "abandoned" | "waiting" | null> {
  return db().runTransaction(async (tx) => {
    const doc = await getOutboxMessage(id, tx);
    if (!doc) return null;
    const status = {
      state: doc.state,
      attempts: doc.attempts,
      leaseUntilMs: ms(doc.leaseUntil),
      nextAttemptAtMs: ms(doc.nextAttemptAt),
    };
    if (abandonedAfterLease(status, now.getTime())) {
      tx.update(outboxRef(id), {
        state: "failed",
        error: {
          code: "lease-expired",
          message: "the worker ended before recording the send, every attempt",
        },
        leaseUntil: null,
        leaseOwner: null,
        updatedAt: Timestamp.fromDate(now),
      });
      return "abandoned" as const;
    }
    if (!canClaim(status, now.getTime())) return null;
    if (await waitsForEarlierMessage(id, doc)) return "waiting" as const;
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

/**
 * Messages a sweep should look at: retries and scheduled messages that are due, leases that ended, and messages still
 * pending a lease-length after they were written (their trigger failed before claiming them, or
 * found an earlier message of their conversation on its way). Ids only, oldest written first,
 * malformed documents included, so that the sweep parks those instead of meeting them at the head
 * of the queue on every run.
 */
export async function findDueOutboxMessageIds(now: Date, limit: number): Promise<string[]> {
  const oldestFirst = async (
    state: OutboxState,
    field: "nextAttemptAt" | "leaseUntil" | "createdAt",
    before: number,
    op: "<" | "<=",
  ) => {
    const query = outbox().where("state", "==", state).where(field, op, Timestamp.fromMillis(before));
    return (await query.orderBy(field).limit(limit).select("createdAt").get()).docs.map((d) => ({
      id: d.id,
      createdAtMs: (d.get("createdAt") as Timestamp | undefined)?.toMillis() ?? 0,
    }));
  };
  const lists = await Promise.all([
    oldestFirst("retry", "nextAttemptAt", now.getTime(), "<="),
    oldestFirst("scheduled", "nextAttemptAt", now.getTime(), "<="),
    oldestFirst("processing", "leaseUntil", now.getTime(), "<"),
    oldestFirst("pending", "createdAt", now.getTime() - LEASE_MS, "<"),
  ]);
  // In the order they were written, so that a sweep sends a conversation's messages in order
  // instead of meeting the later one first and leaving it waiting for the next sweep.
  const due = lists
    .flat()
    .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...new Set(due.map((m) => m.id))];
}

/**
 * Parks a message the sweep cannot even read (malformed): `failed` with the code, written
 * without the converter. False when it no longer exists.
 */
export async function parkOutboxMessage(id: string, code: string, now: Date): Promise<boolean> {
  try {
    await db()
      .collection(COLLECTIONS.outbox)
      .doc(id)
      .update({
        state: "failed",
        error: { code, message: "parked by the sweep" },
        leaseUntil: null,
        leaseOwner: null,
        updatedAt: Timestamp.fromDate(now),
      });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 5) return false; // NOT_FOUND
    throw error;
  }
}

/** The id of the message the provider knows by this id (Twilio's MessageSid), or null. */
export async function findOutboxIdByProviderId(providerId: string): Promise<string | null> {
  const found = await outbox().where("providerId", "==", providerId).limit(1).select().get();
  return found.empty ? null : found.docs[0].id;
}

/**
 * The newest messages written to a number (E.164, as stored in `to`), newest first: what an SMS
 * reply from that number answers (handlers/inbound/sms.ts). Index: to, createdAt descending.
 */
export function findLatestMessagesTo(to: string, limit: number): Promise<Array<OutboxDoc & { id: string }>> {
  return readQuery(outbox().where("to", "==", to).orderBy("createdAt", "desc").limit(limit));
}
