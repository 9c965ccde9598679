import { bookedIntervals } from "../../domain/booking/bookedTime";
import { generateSlots, type Slot } from "../../domain/scheduling/slots";
import { getAvailability } from "../../repo/availability";
import { getApprovedDoctor, type DoctorDoc } from "../../repo/doctors";
import { findActiveHolds } from "../../repo/slotLocks";
import { doctorBookedTime } from "./slotCheck";

export interface FreeSlots {
  /** Null when the doctor is missing or not approved. */
  doctor: DoctorDoc | null;
  timezone: string | undefined;
  slots: Slot[];
  /** Booked and held intervals that occupy the doctor (how busy they are: fair ranking). */
  busyCount: number;
}

/**
 * A doctor's free slots between `from` and `to`: the doctor, their availability with its booked
 * time, and the live holds of moves in flight (the one read path listSlots and the next-available
 * search share, so a change to how booked time is stored changes both).
 */
export async function freeSlotsOf(doctorUid: string, from: Date, to: Date, now: Date): Promise<FreeSlots> {
  const [doctor, availability, holds] = await Promise.all([
    getApprovedDoctor(doctorUid),
    getAvailability(doctorUid),
    findActiveHolds(doctorUid, now),
  ]);
  if (!doctor) return { doctor: null, timezone: undefined, slots: [], busyCount: 0 };
  // Without availability the doctor's profile gives the zone (when it has one).
  if (!availability) return { doctor, timezone: doctor.timezone, slots: [], busyCount: 0 };
  const booked = await doctorBookedTime(doctorUid, availability, now);
  // Slots being taken right now (a reschedule's hold) are not offered either.
  const slotMs = availability.slotMinutes * 60_000;
  const busy = [...bookedIntervals(booked), ...holds.map((h) => ({ start: h.start, end: h.start + slotMs }))];
  const slots = generateSlots({ availability, busy, now, from, to });
  return { doctor, timezone: availability.timezone, slots, busyCount: busy.length };
}
