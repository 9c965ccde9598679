import type { Call } from "../../registry/define";
import { generateSlots, type Slot } from "../../domain/scheduling/slots";
import type { ListSlotsRequest } from "../../schemas/scheduling";
import { bookedIntervals } from "../../domain/booking/bookedTime";
import { getAvailability } from "../../repo/availability";
import { getApprovedDoctor } from "../../repo/doctors";
import { findActiveHolds } from "../../repo/slotLocks";
import { doctorBookedTime } from "../../services/booking/slotCheck";
import { appError } from "../../schemas/errors";

/**
 * A doctor's free slots in a range of at most 31 days, as UTC instants with the doctor's wall
 * time. The doctor's booked time is on their availability document (kept by every booking, move
 * and cancellation), so this reads the doctor, the availability and the live holds of moves in
 * flight, whatever the number of bookings.
 */
export async function listSlots({
  input,
  now,
}: Call<ListSlotsRequest>): Promise<{ doctorUid: string; timezone: string | undefined; slots: Slot[] }> {
  const [doctor, availability, holds] = await Promise.all([
    getApprovedDoctor(input.doctorUid),
    getAvailability(input.doctorUid),
    findActiveHolds(input.doctorUid, now),
  ]);
  if (!doctor) throw appError("not-found", "doctor-not-found", "no such doctor");
  // Without availability the doctor's profile gives the zone (when it has one).
  if (!availability) return { doctorUid: input.doctorUid, timezone: doctor.timezone, slots: [] };
  const booked = await doctorBookedTime(input.doctorUid, availability, now);
  // Slots being taken right now (a reschedule's hold) are not offered either.
  const slotMs = availability.slotMinutes * 60_000;
  const busy = [...bookedIntervals(booked), ...holds.map((h) => ({ start: h.start, end: h.start + slotMs }))];
  const slots = generateSlots({
    availability,
    busy,
    now,
    from: new Date(input.from),
    to: new Date(input.to),
  });
  return { doctorUid: input.doctorUid, timezone: availability.timezone, slots };
}
