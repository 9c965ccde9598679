import { Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { slotLockDocSchema, type SlotLockDoc } from "../schemas/documents/slotLocks";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

/**
 * Slot locks: `slotLocks/{doctor}_{start}`, one per bookable instant of a doctor. A booking
 * first *holds* the slot by creating its lock (one atomic create: of many concurrent
 * bookings exactly one succeeds, and the others are refused without entering a transaction),
 * then confirms it in a transaction that turns the hold into `booked`. A hold carries a lease:
 * if its holder dies before confirming, a later booking may take it over once the lease ends.
 */
export const HOLD_LEASE_MS = 60_000;

export type { SlotLockDoc };

const slotLocks = () => db().collection(COLLECTIONS.slotLocks).withConverter(converterFor(slotLockDocSchema));

export const slotLockRef = (id: string) => slotLocks().doc(id);

export function getSlotLock(id: string, tx?: Transaction): Promise<SlotLockDoc | null> {
  return readDoc(slotLockRef(id), tx);
}

export function updateSlotLock(tx: Transaction, id: string, patch: UpdateData<SlotLockDoc>): void {
  tx.update(slotLockRef(id), patch);
}

export function deleteSlotLock(tx: Transaction, id: string): void {
  tx.delete(slotLockRef(id));
}

export type HoldResult = { held: true } | { held: false; current: SlotLockDoc | null };

/** Holds a free slot with one atomic create; takes over a hold whose lease has ended. */
export async function holdSlot(lockId: string, lock: SlotLockDoc, now: Date): Promise<HoldResult> {
  try {
    await slotLockRef(lockId).create(lock);
    return { held: true };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 6) throw error; // 6: ALREADY_EXISTS
  }
  return db().runTransaction(async (tx) => {
    const current = await getSlotLock(lockId, tx);
    const stale = current?.state === "held" && current.heldUntil.toMillis() < now.getTime();
    if (current && !stale) return { held: false, current } as const;
    tx.set(slotLockRef(lockId), lock);
    return { held: true } as const;
  });
}

/** Inside the confirming transaction: is this attempt's hold still in place? */
export async function ownsHold(tx: Transaction, lockId: string, claim: string): Promise<boolean> {
  const lock = await getSlotLock(lockId, tx);
  return lock?.claim === claim && lock.state === "held";
}

/** Gives a hold back after a failed attempt, unless someone else holds the slot by now. */
export async function releaseHold(lockId: string, claim: string): Promise<void> {
  await db().runTransaction(async (tx) => {
    if (await ownsHold(tx, lockId, claim)) deleteSlotLock(tx, lockId);
  });
}

/** Live holds of a doctor (booked slots are read from the appointments). */
export async function findActiveHolds(doctorUid: string, now: Date): Promise<Array<{ start: number }>> {
  const query = slotLocks()
    .where("doctorUid", "==", doctorUid)
    .where("state", "==", "held")
    .where("heldUntil", ">", Timestamp.fromDate(now));
  return (await readQuery(query)).map((lock) => ({ start: lock.start.toMillis() }));
}
