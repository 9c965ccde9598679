import type {
  DocumentData,
  DocumentReference,
  Timestamp,
  UpdateData,
  WithFieldValue,
  WriteBatch,
} from "firebase-admin/firestore";
import { db } from "./firestore";

/**
 * Optimistic writes: read documents outside any transaction (one `getAll`, no locks), decide, then
 * commit every write in one batch that holds only if the documents read have not changed since
 * (a `lastUpdateTime` precondition on each, or `create` for one that did not exist). Firestore
 * checks the preconditions and applies the batch atomically, so the outcome is that of a
 * serialisable transaction over the documents read; a commit that lost a race changes nothing
 * and the caller reads again (`commit` answers false).
 *
 * Why not runTransaction here: a transaction's reads take locks. Fifty bookings of one doctor
 * at once all read the doctor's schedule, and every commit then waits for the others' read locks
 * (the emulators wait 2 s, then abort them all; production's wound-wait aborts the younger ones
 * and lets the oldest through, one after another). With preconditions nobody waits: the first
 * commit wins and each other one fails at once and reads the taken slot.
 */

/** A document as read: its data (null when it did not exist) and the version to write against. */
export interface Versioned<T> {
  readonly ref: DocumentReference<T>;
  /** Converted on demand: a malformed document throws here, where the caller decides. */
  data(): T | null;
  /** Its update time, or null when it did not exist. */
  readonly version: Timestamp | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each reference keeps its own document type
type Refs = readonly DocumentReference<any>[];
type VersionedAll<R extends Refs> = {
  [K in keyof R]: R[K] extends DocumentReference<infer T> ? Versioned<T> : never;
};

/** Reads the documents in one round trip (one read each, found or not). */
export async function readVersioned<R extends Refs>(...refs: R): Promise<VersionedAll<R>> {
  const snaps = await db().getAll(...(refs as readonly DocumentReference<DocumentData>[]));
  return snaps.map((snap, i) => ({
    ref: refs[i],
    data: () => (snap.exists ? (snap.data() ?? null) : null),
    version: snap.exists ? (snap.updateTime ?? null) : null,
  })) as unknown as VersionedAll<R>;
}

/** One atomic batch whose writes hold only if what was read is unchanged. */
export class ConditionalBatch {
  /** The batch itself, for writers that create documents in it (recordAction). */
  readonly writes: WriteBatch = db().batch();

  /** Creates a new document (fails the commit if it exists). */
  create<T>(ref: DocumentReference<T>, data: WithFieldValue<T>): this {
    this.writes.create(ref, data);
    return this;
  }

  /**
   * Writes these fields of a document read as `read`: creates it if it did not exist, else
   * updates it if it is still the version read. Fields not named keep their values.
   */
  put<T extends DocumentData>(read: Versioned<T>, fields: Partial<T>): this {
    if (read.version === null) this.writes.create(read.ref, fields as WithFieldValue<T>);
    else this.writes.update(read.ref, fields as UpdateData<T>, { lastUpdateTime: read.version });
    return this;
  }

  /** True when committed; false when a document read had changed (or one to create existed). */
  async commit(): Promise<boolean> {
    try {
      await this.writes.commit();
      return true;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === FAILED_PRECONDITION || code === ALREADY_EXISTS) return false;
      throw error;
    }
  }
}

const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;
