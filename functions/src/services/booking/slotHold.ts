import { randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { getRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import {
  getSlotLock,
  HOLD_LEASE_MS,
  holdSlot,
  ownsHold,
  releaseHold,
  type SlotLockDoc,
} from "../../repo/slotLocks";
import { runTransaction, type Transaction } from "../../repo/transaction";
import { slotTaken } from "./slotCheck";

export interface SlotHold {
  lockId: string;
  doctorUid: string;
  patientUid: string;
  appointmentId: string;
  startMs: number;
  /** The call, so that a concurrent retry with the same idempotency key gets the first answer. */
  call: IdempotentCall;
}

/**
 * Takes a slot in two steps (reschedule; `book` commits optimistically, bookAppointment.ts).
 * First the slot is held with one atomic create of its lock (of many concurrent attempts one
 * wins; the rest are refused at once, without a transaction).
 * Then `confirm` runs in a transaction, which re-validates everything and turns the hold into a
 * booking. If it fails, the hold is given back; if the process dies, the hold's lease ends.
 */
export async function withSlotHold<T>(
  hold: SlotHold,
  now: Date,
  confirm: (tx: Transaction, claim: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claim = randomUUID();
    const lock: SlotLockDoc = {
      doctorUid: hold.doctorUid,
      patientUid: hold.patientUid,
      appointmentId: hold.appointmentId,
      claim,
      state: "held",
      start: Timestamp.fromMillis(hold.startMs),
      heldUntil: Timestamp.fromMillis(now.getTime() + HOLD_LEASE_MS),
      createdAt: Timestamp.fromDate(now),
    };
    const result = await holdSlot(hold.lockId, lock, now);
    if (!result.held) {
      // The same patient retrying with the same key while the first attempt is in flight.
      const sameCall = hold.call.key && result.current?.patientUid === hold.patientUid;
      if (!sameCall) throw slotTaken();
      const answer = await waitForAnswer<T>(hold.call, hold.lockId);
      if (answer !== null) return answer;
      continue; // the first attempt gave its hold back: try again
    }
    try {
      return await runTransaction((tx) => confirm(tx, claim), { maxAttempts: 10 });
    } catch (error) {
      await releaseHold(hold.lockId, claim).catch((e) =>
        logger.warn("slot.releaseFailed", { lockId: hold.lockId, error: String(e) }),
      );
      throw error;
    }
  }
  throw slotTaken();
}

/** Inside the confirming transaction, first: this attempt's hold is still in place. */
export async function checkHold(tx: Transaction, lockId: string, claim: string): Promise<void> {
  if (!(await ownsHold(tx, lockId, claim))) throw slotTaken();
}

/** Polls for the answer of an in-flight call with the same key; null once its hold is gone. */
async function waitForAnswer<T>(call: IdempotentCall, lockId: string): Promise<T | null> {
  for (let i = 0; i < 60; i += 1) {
    const answer = await getRecordedAnswer<T>(call);
    if (answer !== null) return answer;
    if (!(await getSlotLock(lockId))) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw slotTaken();
}
