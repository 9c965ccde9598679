import type { Timestamp, Transaction } from "firebase-admin/firestore";
import type { Interval } from "../domain/scheduling/slots";
import type { BookedIntervals } from "../schemas/documents/bookedTime";

/**
 * Booked time kept in documents, so that booking transactions lock documents, not query
 * ranges (the emulators lock a whole collection for a query inside a transaction): a patient's
 * open bookings (repo/bookingState.ts). (A doctor's booked time is on their availability,
 * domain/booking/bookedTime.ts.)
 * Read in a transaction, changed in memory, written back once each by `write`.
 */
export class BookedTime {
  private readonly changed = new Set<string>();

  constructor(
    /** The booked intervals of each document read, by its key. */
    private readonly docs: Map<string, BookedIntervals>,
    private readonly keyOf: (start: number) => string,
    private readonly save: (tx: Transaction, key: string, booked: BookedIntervals, stamp: Stamp) => void,
  ) {}

  intervals(except?: string): Array<Interval & { id: string }> {
    return [...this.docs.values()].flatMap((booked) =>
      Object.entries(booked)
        .filter(([id]) => id !== except)
        .map(([id, i]) => ({ id, start: i.start, end: i.end })),
    );
  }

  add(id: string, interval: Interval): void {
    const key = this.keyOf(interval.start);
    const booked = this.docs.get(key);
    if (!booked) throw new Error(`booked-time document ${key} was not read in this transaction`);
    booked[id] = { start: interval.start, end: interval.end };
    this.changed.add(key);
  }

  remove(id: string): void {
    for (const [key, booked] of this.docs) {
      if (id in booked) {
        delete booked[id];
        this.changed.add(key);
      }
    }
  }

  /** Writes back every document that changed (a patient's bookings with `stamp.updatedAt`). */
  write(tx: Transaction, stamp: Stamp = {}): void {
    for (const key of this.changed) this.save(tx, key, this.docs.get(key)!, stamp);
  }
}

export interface Stamp {
  updatedAt?: Timestamp;
}
