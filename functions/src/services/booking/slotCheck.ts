import { BOOKING_POLICY } from "../../config/booking";
import { bookedIntervals, bookedStartsOf, type BookedStarts } from "../../domain/booking/bookedTime";
import { checkOpenBookings, overlappingAppointment } from "../../domain/booking/policy";
import { isSlotOffered, type Interval, type Slot } from "../../domain/scheduling/slots";
import { findDoctorBookings } from "../../repo/appointments";
import type { AvailabilityDoc } from "../../repo/availability";
import { appError, refusalError } from "../../schemas/errors";

const DAY_MS = 24 * 3600 * 1000;

export const slotTaken = () =>
  appError("already-exists", "slot-taken", "this slot has just been booked by someone else; choose another");

/**
 * The doctor's upcoming booked time: from the availability document, or, on a document written
 * before booked time lived there, from the doctor's booked appointments (one query, once: the
 * next write stores it on the document).
 */
export async function doctorBookedTime(
  doctorUid: string,
  availability: AvailabilityDoc,
  now: Date,
): Promise<BookedStarts> {
  if (availability.booked) return availability.booked;
  const horizon = now.getTime() + 366 * DAY_MS;
  const booked = await findDoctorBookings(doctorUid, now.getTime() - DAY_MS, horizon);
  return bookedStartsOf(booked, now.getTime());
}

export interface SlotTaking {
  startMs: number;
  now: Date;
  availability: AvailabilityDoc;
  /** The doctor's booked time (doctorBookedTime). */
  booked: BookedStarts;
  /** Slots held by reschedules in flight, other than the caller's own (heldIntervals). */
  held?: Interval[];
  /** The patient's open bookings (bookingState.open). */
  patientOpen: Array<Interval & { id: string }>;
  /** When rescheduling: the appointment being moved (does not count against itself) and its start. */
  moving?: { appointmentId: string; startMs: number };
}

/**
 * The checks of a booking or a move, on what was read for it: the slot is offered by the
 * doctor's availability given their booked and held time (`already-exists` when only that time
 * stands in the way: someone else just took it, or is taking it), the patient has no overlapping appointment and
 * is within the limit of open bookings. The offered slot, or an HttpsError.
 */
export function checkSlot(t: SlotTaking): Slot {
  const query = { availability: t.availability, now: t.now };
  const start = new Date(t.startMs);
  const busy = [...bookedIntervals(t.booked, t.moving?.startMs), ...(t.held ?? [])];
  const slot = isSlotOffered({ ...query, busy }, start);
  if (!slot) {
    if (isSlotOffered({ ...query, busy: [] }, start)) throw slotTaken();
    throw appError(
      "failed-precondition",
      "slot-not-offered",
      "this time is not offered: outside the doctor's hours, too soon, too far ahead, or taken",
    );
  }
  const mine = t.patientOpen
    .filter((a) => a.id !== t.moving?.appointmentId && a.end > t.now.getTime())
    .map((a) => ({ startMs: a.start, endMs: a.end }));
  if (overlappingAppointment(mine, Date.parse(slot.start), Date.parse(slot.end))) {
    throw appError(
      "failed-precondition",
      "overlapping-booking",
      "you already have an appointment at that time",
    );
  }
  if (!t.moving) {
    const refusal = checkOpenBookings(mine.length, BOOKING_POLICY);
    if (refusal) throw refusalError(refusal);
  }
  return slot;
}
