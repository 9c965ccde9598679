import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { RateWindow } from "../domain/operations/rateLimit";
import { rateCounterDocSchema } from "../schemas/documents/rateLimits";
import { converterFor } from "./converter";
import { COLLECTIONS, db } from "./firestore";

/**
 * Fixed-window counters, `rateLimits/{scope}:{key}:{window}` (`:{shard}` appended for a sharded
 * counter), each `{ scope, subject, count, windowStart, expireAt }`. The TTL policy on `expireAt`
 * (firestore.indexes.json) deletes a counter after its window; nobody reads them but the functions
 * (firestore.rules).
 *
 * No transaction and no query: a request adds 1 to its counters with `FieldValue.increment` (an
 * atomic server-side transform that takes no lock another transaction could wait on), then reads
 * them back. Under the emulators' lock model (a query in a transaction locks its collection; a
 * contended document waits up to 2 s) a read-modify-write transaction on a busy organisation's
 * counter would queue; increments do not.
 */

export interface CounterWrite {
  id: string;
  scope: string;
  subject: "user" | "org" | "number" | "client";
  window: RateWindow;
  /** How long after the window ends the TTL policy may delete the counter. */
  keepSeconds: number;
}

const rateCounters = () =>
  db().collection(COLLECTIONS.rateLimits).withConverter(converterFor(rateCounterDocSchema));

export const rateCounterRef = (id: string) => rateCounters().doc(id);

/** Adds `delta` to each counter, in one batch (one round trip, all or nothing). */
export async function incrementCounters(counters: CounterWrite[], delta: 1 | -1): Promise<void> {
  if (!counters.length) return;
  const batch = db().batch();
  for (const c of counters) {
    // Every field each time: a give-back must never leave a counter without its expireAt.
    const fields = {
      scope: c.scope,
      subject: c.subject,
      count: FieldValue.increment(delta),
      windowStart: Timestamp.fromMillis(c.window.startMs),
      expireAt: Timestamp.fromMillis(c.window.endMs + c.keepSeconds * 1000),
    };
    batch.set(rateCounterRef(c.id), fields, { merge: true });
  }
  await batch.commit();
}

/** For each group of counter ids (the shards of one counter), the sum of their counts; one read round trip. */
export async function readCounts(groups: string[][]): Promise<number[]> {
  const ids = groups.flat();
  if (!ids.length) return groups.map(() => 0);
  const snaps = await db().getAll(...ids.map(rateCounterRef));
  const byId = new Map(snaps.map((s) => [s.id, s.data()?.count ?? 0]));
  return groups.map((group) => group.reduce((sum, id) => sum + (byId.get(id) ?? 0), 0));
}
