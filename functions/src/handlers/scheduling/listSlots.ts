import { HttpsError } from "firebase-functions/v2/https";
import type { Call } from "../../registry/define";
import { generateSlots, type Slot } from "../../domain/scheduling/slots";
import type { ListSlotsRequest } from "../../schemas/scheduling";
import { findDoctorBookings } from "../../repo/appointments";
import { getAvailability } from "../../repo/availability";
import { getApprovedDoctor } from "../../repo/doctors";
import { findActiveHolds } from "../../repo/slotLocks";

const DAY_MS = 24 * 3600 * 1000;

/** A doctor's free slots in a range of at most 31 days, as UTC instants with the doctor's wall time. */
export async function listSlots({
  input,
  now,
}: Call<ListSlotsRequest>): Promise<{ doctorUid: string; timezone: string | undefined; slots: Slot[] }> {
  const [doctor, availability] = await Promise.all([
    getApprovedDoctor(input.doctorUid),
    getAvailability(input.doctorUid),
  ]);
  if (!doctor) throw new HttpsError("not-found", "no such doctor");
  // Without availability the doctor's profile gives the zone (when it has one).
  if (!availability) return { doctorUid: input.doctorUid, timezone: doctor.timezone, slots: [] };
  const from = new Date(input.from);
  const to = new Date(input.to);
  // Appointments that start up to a day before the range can still reach into it.
  const [booked, holds] = await Promise.all([
    findDoctorBookings(input.doctorUid, from.getTime() - DAY_MS, to.getTime() + DAY_MS),
    findActiveHolds(input.doctorUid, now),
  ]);
  // Slots being booked right now are not offered either.
  const slotMs = availability.slotMinutes * 60_000;
  const busy = [
    ...booked.map((b) => ({ start: b.startMs, end: b.endMs })),
    ...holds.map((h) => ({ start: h.start, end: h.start + slotMs })),
  ];
  const slots = generateSlots({ availability, busy, now, from, to });
  return { doctorUid: input.doctorUid, timezone: availability.timezone, slots };
}
