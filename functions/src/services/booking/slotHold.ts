import { randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { checkOpenBookings, overlappingAppointment } from "../../domain/booking/policy";
import { isSlotOffered, type Slot } from "../../domain/scheduling/slots";
import { getAvailability, type AvailabilityDoc } from "../../repo/availability";
import { getPatientBookings, type PatientBookings } from "../../repo/bookingState";
import { getDoctorDays, type DoctorDays } from "../../repo/doctorSchedules";
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

const slotTaken = () =>
  new HttpsError("already-exists", "this slot has just been booked by someone else; choose another");

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
 * Takes a slot in two steps. First the slot is held with one atomic create of its lock (of
 * many concurrent attempts one wins; the rest are refused at once, without a transaction).
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

export interface SlotTaking {
  lockId: string;
  claim: string;
  doctorUid: string;
  patientUid: string;
  startMs: number;
  now: Date;
  /** When rescheduling: the appointment being moved (does not count against itself) and its start. */
  moving?: { appointmentId: string; startMs: number };
}

export interface TakenSlot {
  slot: Slot;
  availability: AvailabilityDoc;
  doctorDays: DoctorDays;
  patient: PatientBookings;
}

/**
 * The reads and checks of the confirming transaction (every read comes before any write): the
 * hold is still this attempt's; the slot is still offered by the doctor's availability given
 * the doctor's booked days; the patient has no overlapping appointment and is within the limit.
 * The caller updates the booked days and the patient's bookings and writes them back, which
 * serialises changes to one doctor's day and to one patient's bookings.
 */
export async function checkSlot(tx: Transaction, t: SlotTaking): Promise<TakenSlot> {
  if (!(await ownsHold(tx, t.lockId, t.claim))) throw slotTaken();
  const instants = t.moving ? [t.startMs, t.moving.startMs] : [t.startMs];
  const [availability, doctorDays, patient] = await Promise.all([
    getAvailability(t.doctorUid, tx),
    getDoctorDays(t.doctorUid, instants, tx),
    getPatientBookings(t.patientUid, tx),
  ]);
  if (!availability)
    throw new HttpsError("failed-precondition", "this doctor has not published availability");
  const busy = doctorDays.intervals(t.moving?.appointmentId);
  const slot = isSlotOffered({ availability, busy, now: t.now }, new Date(t.startMs));
  if (!slot) {
    throw new HttpsError(
      "failed-precondition",
      "this time is not offered: outside the doctor's hours, too soon, too far ahead, or taken",
    );
  }
  const mine = patient
    .intervals(t.moving?.appointmentId)
    .filter((a) => a.end > t.now.getTime())
    .map((a) => ({ startMs: a.start, endMs: a.end }));
  if (overlappingAppointment(mine, Date.parse(slot.start), Date.parse(slot.end))) {
    throw new HttpsError("failed-precondition", "you already have an appointment at that time");
  }
  if (!t.moving) {
    const refusal = checkOpenBookings(mine.length, BOOKING_POLICY);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
  }
  return { slot, availability, doctorDays, patient };
}
