import { z } from "zod";
import { availabilitySchema } from "../scheduling";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * availability/{doctorUid}: the doctor's availability as setAvailability (and the seed) wrote it,
 * through the same schema as the request, with who wrote it and when. The three stamps are
 * optional: readers never needed them.
 */
export const availabilityDocSchema = availabilitySchema.extend({
  doctorUid: storedIdSchema.optional(),
  updatedAt: timestampSchema.optional(),
  updatedBy: storedIdSchema.optional(),
  /**
   * The doctor's upcoming booked time, end by start in epoch ms (domain/booking/bookedTime.ts),
   * written with every booking, move and cancellation; absent on a document written before
   * booked time lived here (then it is read from the appointments, once).
   */
  booked: z.record(z.string().regex(/^\d{1,16}$/), z.number()).optional(),
  /**
   * The doctor's status and organisation as on `doctors/{uid}`, so that a booking and a slot
   * listing read this one document: written by setAvailability and by setUserStatus in the
   * transaction that changes the profile, and by the first booking of a document written before
   * it lived here (absent there: the doctor's profile is read instead).
   */
  doctor: z.object({ status: z.string(), org: storedIdSchema }).optional(),
  /**
   * Slots held by a reschedule in flight, by start in epoch ms (domain/booking/heldTime.ts): end,
   * lease end, the attempt's claim and a one-way tag of the call; no ids of people. Written and
   * given back by services/booking/slotHold.ts; absent when none was ever held.
   */
  held: z
    .record(
      z.string().regex(/^\d{1,16}$/),
      z.object({ end: z.number(), until: z.number(), claim: z.string(), call: z.string().optional() }),
    )
    .optional(),
});
export type AvailabilityDoc = z.infer<typeof availabilityDocSchema>;
