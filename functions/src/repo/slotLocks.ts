import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, db } from "./firestore";

/**
 * Slot locks: `slotLocks/{doctor}_{start}`, one per bookable instant of a doctor. A booking
 * first *holds* the slot by creating its lock (one atomic create: of many concurrent
 * bookings exactly one succeeds, and the others are refused without entering a transaction),
 * then confirms it in a transaction that turns the hold into `booked`. A hold carries a lease:
 * if its holder dies before confirming, a later booking may take it over once the lease ends.
 */
export const HOLD_LEASE_MS = 60_000;

export interface SlotLock {
  doctorUid: string;
  patientUid: string;
  appointmentId: string;
  /** Identifies one attempt: the confirming transaction checks the hold is still its own. */
  claim: string;
  state: "held" | "booked";
  start: Timestamp;
  heldUntil: Timestamp;
  createdAt: Timestamp;
}

export const slotLockRef = (id: string) => db().collection(COLLECTIONS.slotLocks).doc(id);

export type HoldResult = { held: true } | { held: false; current: SlotLock | null };

/** Holds a free slot with one atomic create; takes over a hold whose lease has ended. */
export async function holdSlot(lockId: string, lock: SlotLock, now: Date): Promise<HoldResult> {
  try {
    await slotLockRef(lockId).create(lock);
    return { held: true };
  } catch (error) {
    if ((error as { code?: unknown }).code !== 6) throw error; // 6: ALREADY_EXISTS
  }
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(slotLockRef(lockId));
    const current = snap.exists ? (snap.data() as SlotLock) : null;
    const stale = current?.state === "held" && current.heldUntil.toMillis() < now.getTime();
    if (current && !stale) return { held: false, current } as const;
    tx.set(slotLockRef(lockId), lock);
    return { held: true } as const;
  });
}

/** Inside the confirming transaction: is this attempt's hold still in place? */
export async function ownsHold(tx: Transaction, lockId: string, claim: string): Promise<boolean> {
  const snap = await tx.get(slotLockRef(lockId));
  return snap.exists && snap.get("claim") === claim && snap.get("state") === "held";
}

/** Gives a hold back after a failed attempt, unless someone else holds the slot by now. */
export async function releaseHold(lockId: string, claim: string): Promise<void> {
  await db().runTransaction(async (tx) => {
    if (await ownsHold(tx, lockId, claim)) tx.delete(slotLockRef(lockId));
  });
}

/** Live holds of a doctor (booked slots are read from the appointments). */
export async function activeHolds(doctorUid: string, now: Date): Promise<Array<{ start: number }>> {
  const snap = await db()
    .collection(COLLECTIONS.slotLocks)
    .where("doctorUid", "==", doctorUid)
    .where("state", "==", "held")
    .where("heldUntil", ">", Timestamp.fromDate(now))
    .get();
  return snap.docs.map((d) => ({ start: (d.get("start") as Timestamp).toMillis() }));
}
