import type { Transaction } from "firebase-admin/firestore";
import { slotLockDocSchema, type SlotLockDoc } from "../schemas/documents/slotLocks";
import { converterFor } from "./converter";
import { COLLECTIONS, db } from "./firestore";

/**
 * Slot locks: `slotLocks/{doctor}_{start}`, the layout before a slot's booked and held time lived
 * on the doctor's schedule document (repo/availability.ts; services/booking/slotHold.ts). Nothing
 * reads them any more: a lock that says booked has its booked time on the schedule too (written
 * by the booking, or read once from the appointments), and a held one's lease has ended. Moves
 * and cancellations still delete the lock of the appointment they change (`slotLockId`), so
 * those written before go away with their appointments.
 */
export type { SlotLockDoc };

const slotLocks = () => db().collection(COLLECTIONS.slotLocks).withConverter(converterFor(slotLockDocSchema));

export const slotLockRef = (id: string) => slotLocks().doc(id);

export function deleteSlotLock(tx: Transaction, id: string): void {
  tx.delete(slotLockRef(id));
}
