import type { Transaction } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { slotLockId } from "../../domain/booking/keys";
import { checkOpenBookings, overlappingAppointment } from "../../domain/booking/policy";
import { isSlotOffered, type Slot } from "../../domain/scheduling/slots";
import type { Availability } from "../../schemas/scheduling";
import { bookingStateRef, doctorBookedBetween, patientOpenAppointments, slotLockRef } from "../../repo/appointments";
import { getAvailability } from "../../repo/availability";

const DAY_MS = 24 * 3600 * 1000;

export interface SlotTaking {
  doctorUid: string;
  patientUid: string;
  startMs: number;
  now: Date;
  /** When rescheduling: the appointment being moved, which does not count against itself. */
  movingAppointmentId?: string;
}

/**
 * The reads and checks before a slot is taken, inside the transaction (every read comes
 * before any write). Re-validates against the doctor's availability and bookings as they are
 * now, and reads the patient's booking-state document so that one patient's concurrent
 * bookings are serialised.
 */
export async function checkSlotInTransaction(tx: Transaction, t: SlotTaking): Promise<{ slot: Slot; availability: Availability; lockId: string }> {
  const lockId = slotLockId(t.doctorUid, t.startMs);
  const [availability, lock, doctorBusy, patientOpen] = await Promise.all([
    getAvailability(tx, t.doctorUid),
    tx.get(slotLockRef(lockId)),
    doctorBookedBetween(tx, t.doctorUid, t.startMs - DAY_MS, t.startMs + DAY_MS),
    patientOpenAppointments(tx, t.patientUid, t.now.getTime()),
    tx.get(bookingStateRef(t.patientUid)),
  ]);
  if (lock.exists) throw new HttpsError("already-exists", "this slot has just been booked by someone else; choose another");
  if (!availability) throw new HttpsError("failed-precondition", "this doctor has not published availability");
  const busy = doctorBusy.filter((b) => b.id !== t.movingAppointmentId).map((b) => ({ start: b.startMs, end: b.endMs }));
  const slot = isSlotOffered({ availability, busy, now: t.now }, new Date(t.startMs));
  if (!slot) {
    throw new HttpsError("failed-precondition", "this time is not offered: outside the doctor's hours, too soon, too far ahead, or taken");
  }
  const mine = patientOpen.filter((a) => a.id !== t.movingAppointmentId);
  if (overlappingAppointment(mine, Date.parse(slot.start), Date.parse(slot.end))) {
    throw new HttpsError("failed-precondition", "you already have an appointment at that time");
  }
  if (!t.movingAppointmentId) {
    const refusal = checkOpenBookings(mine.length, BOOKING_POLICY);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
  }
  return { slot, availability, lockId };
}
