import { bookedIntervals } from "../../domain/booking/bookedTime";
import { heldIntervals } from "../../domain/booking/heldTime";
import { generateSlots, type Slot } from "../../domain/scheduling/slots";
import { getAvailability } from "../../repo/availability";
import { getApprovedDoctor } from "../../repo/doctors";
import { doctorBookedTime } from "./slotCheck";

export interface FreeSlots {
  /** False when the doctor is missing or not approved. */
  approved: boolean;
  timezone: string | undefined;
  slots: Slot[];
  /** Booked and held intervals that occupy the doctor (how busy they are: fair ranking). */
  busyCount: number;
}

const none = (): FreeSlots => ({ approved: false, timezone: undefined, slots: [], busyCount: 0 });

/**
 * A doctor's free slots between `from` and `to` (the one read path listSlots and the
 * next-available search share, so a change to how booked time is stored changes both). The
 * doctor's booked time, the slots held by moves in flight, and the doctor's status are on their
 * availability document (kept by every booking, move and cancellation, and by suspension), so
 * this reads that one document; the profile is read only for a schedule written before it
 * carried the status.
 */
export async function freeSlotsOf(doctorUid: string, from: Date, to: Date, now: Date): Promise<FreeSlots> {
  const availability = await getAvailability(doctorUid);
  if (availability?.doctor) {
    if (availability.doctor.status !== "approved") return none();
  } else {
    const doctor = await getApprovedDoctor(doctorUid);
    if (!doctor) return none();
    // Without availability the doctor's profile gives the zone (when it has one).
    if (!availability) return { approved: true, timezone: doctor.timezone, slots: [], busyCount: 0 };
  }
  const booked = await doctorBookedTime(doctorUid, availability, now);
  // Slots being taken right now (a reschedule's hold) are not offered either.
  const busy = [...bookedIntervals(booked), ...heldIntervals(availability.held, now.getTime())];
  const slots = generateSlots({ availability, busy, now, from, to });
  return { approved: true, timezone: availability.timezone, slots, busyCount: busy.length };
}
