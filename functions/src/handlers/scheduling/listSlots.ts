import type { Call } from "../../registry/define";
import type { Slot } from "../../domain/scheduling/slots";
import type { ListSlotsRequest } from "../../schemas/scheduling";
import { freeSlotsOf } from "../../services/booking/freeSlots";
import { appError } from "../../schemas/errors";

/**
 * A doctor's free slots in a range of at most 31 days, as UTC instants with the doctor's wall
 * time. The doctor's booked time is on their availability document (kept by every booking, move
 * and cancellation), as are the doctor's status, so this reads the availability and the live
 * holds of moves in flight (a query: 1 read when there are none), whatever the number of bookings.
 */
export async function listSlots({
  input,
  now,
}: Call<ListSlotsRequest>): Promise<{ doctorUid: string; timezone?: string; slots: Slot[] }> {
  const free = await freeSlotsOf(input.doctorUid, new Date(input.from), new Date(input.to), now);
  if (!free.approved) throw appError("not-found", "doctor-not-found", "no such doctor");
  return { doctorUid: input.doctorUid, timezone: free.timezone, slots: free.slots };
}
