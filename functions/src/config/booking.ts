import type { BookingPolicy } from "../domain/booking/policy";

export const BOOKING_POLICY: BookingPolicy = {
  cancelCutoffMinutes: 120,
  rescheduleCutoffMinutes: 240,
  maxOpenBookings: 3,
};
