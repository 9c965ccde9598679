import type { Transaction } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { slotLockId } from "../../domain/booking/keys";
import { checkOpenBookings, overlappingAppointment } from "../../domain/booking/policy";
import { isSlotOffered, type Slot } from "../../domain/scheduling/slots";
import type { Availability } from "../../schemas/scheduling";
import { slotLockRef } from "../../repo/appointments";
import { getAvailability } from "../../repo/availability";
import { db } from "../../repo/firestore";
import { readDoctorDays, readPatientBookings, type DoctorDays, type PatientBookings } from "../../repo/schedules";

export interface SlotTaking {
  doctorUid: string;
  patientUid: string;
  startMs: number;
  now: Date;
  /** When rescheduling: the appointment being moved (does not count against itself) and its start. */
  moving?: { appointmentId: string; startMs: number };
}

export interface TakenSlot {
  slot: Slot;
  availability: Availability;
  lockId: string;
  doctorDays: DoctorDays;
  patient: PatientBookings;
}

/**
 * The reads and checks before a slot is taken, inside the transaction (every read comes before
 * any write). The slot lock is read first and alone, so a booking that lost the race fails at
 * once; then the doctor's booked days and the patient's open bookings, which the caller
 * updates and writes back, and the availability, against which the slot is re-validated.
 */
export async function checkSlotInTransaction(tx: Transaction, t: SlotTaking): Promise<TakenSlot> {
  const lockId = slotLockId(t.doctorUid, t.startMs);
  if ((await tx.get(slotLockRef(lockId))).exists) throw slotTaken();
  const instants = t.moving ? [t.startMs, t.moving.startMs] : [t.startMs];
  const [availability, doctorDays, patient] = await Promise.all([
    getAvailability(tx, t.doctorUid),
    readDoctorDays(tx, t.doctorUid, instants),
    readPatientBookings(tx, t.patientUid),
  ]);
  if (!availability) throw new HttpsError("failed-precondition", "this doctor has not published availability");
  const busy = doctorDays.intervals(t.moving?.appointmentId);
  const slot = isSlotOffered({ availability, busy, now: t.now }, new Date(t.startMs));
  if (!slot) {
    throw new HttpsError("failed-precondition", "this time is not offered: outside the doctor's hours, too soon, too far ahead, or taken");
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
  return { slot, availability, lockId, doctorDays, patient };
}

const slotTaken = () => new HttpsError("already-exists", "this slot has just been booked by someone else; choose another");

/**
 * Runs a transaction that takes a slot. Under heavy contention Firestore can abort a
 * transaction after its retries; the caller then gets a clear answer: the slot is taken, or
 * (rarely) try again.
 */
export async function runSlotTransaction<T>(lockIdOf: () => string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db().runTransaction(fn, { maxAttempts: 10 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 10) throw error; // 10: ABORTED
    if ((await slotLockRef(lockIdOf()).get()).exists) throw slotTaken();
    throw new HttpsError("aborted", "too many bookings at once; please try again");
  }
}
