import {
  FieldValue,
  Timestamp,
  type QueryDocumentSnapshot,
  type Transaction,
} from "firebase-admin/firestore";
import type { DomainEvent } from "../domain/events/events";
import { COLLECTIONS, db } from "./firestore";

/**
 * Domain events waiting for (or done with) the BigQuery export: `events/{eventId}`, written by
 * functions only and read by nobody else (firestore.rules). The event is written in the same
 * transaction as the change it reports where there is one, so it exists exactly when the change
 * does; elsewhere right after the change, with create(), so a retried handler (same natural key,
 * same id) finds it there and records nothing twice.
 */
export interface StoredEvent {
  eventId: string;
  type: string;
  occurredAt: Timestamp;
  org: string | null;
  ids: Record<string, string>;
  exported: boolean;
  exportedAt: Timestamp | null;
  /** Export runs that tried this event and failed, and the last failure (reason: message). */
  exportAttempts: number;
  lastError: string | null;
  lastAttemptAt?: Timestamp;
}

const ALREADY_EXISTS = 6;
/** A batched write holds at most 500 operations. */
const WRITES_PER_BATCH = 500;

export const eventRef = (eventId: string) => db().collection(COLLECTIONS.domainEvents).doc(eventId);

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

/** Records the event inside the transaction of the change it reports. */
export function recordEventInTx(tx: Transaction, event: DomainEvent): void {
  tx.create(eventRef(event.eventId), storedEvent(event));
}

/** Records the event on its own; false if it was already recorded (same event id). */
export async function recordEvent(event: DomainEvent): Promise<boolean> {
  try {
    await eventRef(event.eventId).create(storedEvent(event));
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
    throw error;
  }
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

async function inBatches<T>(
  items: T[],
  write: (batch: FirebaseFirestore.WriteBatch, item: T) => void,
): Promise<void> {
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
    let query = db()
      .collection(COLLECTIONS.domainEvents)
      .where("exported", "==", false)
      .orderBy("occurredAt")
      .limit(limit);
    if (cursor) query = query.startAfter(cursor as QueryDocumentSnapshot);
    const snap = await query.get();
    return {
      events: snap.docs.map((d) => domainEventOf(d.data() as StoredEvent)),
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
