import type { BookingPolicy } from "../domain/booking/policy";
import type { ProposalPolicy } from "../domain/booking/proposals";

export const BOOKING_POLICY: BookingPolicy = {
  cancelCutoffMinutes: 120,
  rescheduleCutoffMinutes: 240,
  maxOpenBookings: 3,
};

/** Proposals of a new time by the clinic (domain/booking/proposals.ts). */
export const PROPOSAL_POLICY: ProposalPolicy = {
  answerWithinHours: 48,
  answerCutoffMinutes: 120,
};
