import {
  FieldValue,
  Timestamp,
  type QueryDocumentSnapshot,
  type Transaction,
  type WriteBatch,
} from "firebase-admin/firestore";
import type { DomainEvent } from "../domain/events/events";
import { storedEventDocSchema, type StoredEvent } from "../schemas/documents/events";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db } from "./firestore";

/**
 * Domain events waiting for (or done with) the BigQuery export: `events/{eventId}`, written by
 * functions only and read by nobody else (firestore.rules). The event is written in the same
 * transaction as the change it reports where there is one (repo/actions.ts, `recordAction`), so it
 * exists exactly when the change does; elsewhere right after the change, with create(), so a
 * retried handler (same natural key, same id) finds it there and records nothing twice.
 */
export type { StoredEvent };

const ALREADY_EXISTS = 6;
/** A batched write holds at most 500 operations. */
const WRITES_PER_BATCH = 500;

const events = () =>
  db().collection(COLLECTIONS.domainEvents).withConverter(converterFor(storedEventDocSchema));

export const eventRef = (eventId: string) => events().doc(eventId);

export function storedEvent(event: DomainEvent): StoredEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: Timestamp.fromDate(new Date(event.occurredAt)),
    org: event.org,
    ids: { ...event.ids } as Record<string, string>,
    exported: false,
    exportedAt: null,
    exportAttempts: 0,
    lastError: null,
  };
}

/**
 * Writes the event: in `tx` when given (the transaction of the change it reports), else on its
 * own, answering false if it was already written (same event id: a retry).
 */
export function createEvent(event: DomainEvent, tx: Transaction | WriteBatch): void;
export function createEvent(event: DomainEvent): Promise<boolean>;
export function createEvent(event: DomainEvent, tx?: Transaction | WriteBatch): void | Promise<boolean> {
  if (tx) {
    tx.create(eventRef(event.eventId), storedEvent(event));
    return;
  }
  return eventRef(event.eventId)
    .create(storedEvent(event))
    .then(
      () => true,
      (error: { code?: number }) => {
        if (error.code === ALREADY_EXISTS) return false;
        throw error;
      },
    );
}

/** @deprecated use `recordAction` (repo/actions.ts) or `createEvent(event, tx)`. */
export function recordEventInTx(tx: Transaction, event: DomainEvent): void {
  createEvent(event, tx);
}

/** @deprecated use `createEvent(event)`. */
export function recordEvent(event: DomainEvent): Promise<boolean> {
  return createEvent(event);
}

export function domainEventOf(
  doc: Pick<StoredEvent, "eventId" | "type" | "occurredAt" | "org" | "ids">,
): DomainEvent {
  return {
    eventId: doc.eventId,
    type: doc.type as DomainEvent["type"],
    occurredAt: doc.occurredAt.toDate().toISOString(),
    org: doc.org ?? null,
    ids: doc.ids ?? {},
  };
}

/** Where the exporter reads events and records what became of them (Firestore here; fakes in tests). */
export interface EventStore {
  /** Up to `limit` unexported events, oldest first, after `cursor` (null: from the start). */
  pending(limit: number, cursor: unknown): Promise<{ events: DomainEvent[]; cursor: unknown }>;
  markExported(eventIds: string[], now: Date): Promise<void>;
  markFailed(failures: Array<{ eventId: string; error: string }>, now: Date): Promise<void>;
}

async function inBatches<T>(items: T[], write: (batch: WriteBatch, item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i += WRITES_PER_BATCH) {
    const batch = db().batch();
    for (const item of items.slice(i, i + WRITES_PER_BATCH)) write(batch, item);
    await batch.commit();
  }
}

/**
 * The Firestore store. `pending` is one indexed query (exported == false, by occurredAt), outside
 * any transaction; the cursor is the last document read, so events that fail in a run are not read
 * again in that run (they are retried by the next one).
 */
export const firestoreEventStore: EventStore = {
  async pending(limit, cursor) {
    let query = events().where("exported", "==", false).orderBy("occurredAt").limit(limit);
    if (cursor) query = query.startAfter(cursor as QueryDocumentSnapshot<StoredEvent>);
    const snap = await query.get();
    return {
      events: wellFormed(snap.docs).map(domainEventOf),
      cursor: snap.docs.at(-1) ?? cursor,
    };
  },
  async markExported(eventIds, now) {
    const at = Timestamp.fromDate(now);
    await inBatches(eventIds, (batch, id) =>
      batch.update(eventRef(id), { exported: true, exportedAt: at, lastError: null }),
    );
  },
  async markFailed(failures, now) {
    const at = Timestamp.fromDate(now);
    await inBatches(failures, (batch, f) =>
      batch.update(eventRef(f.eventId), {
        lastError: f.error.slice(0, 500),
        lastAttemptAt: at,
        exportAttempts: FieldValue.increment(1),
      }),
    );
  },
};
