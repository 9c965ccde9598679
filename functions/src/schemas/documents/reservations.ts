import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `reservations/{id}`: a patient's hold on a prescription's lines at one pharmacy, for a pickup
 * window. While `held` or `confirmed`, its units count in the items' `held`
 * (pharmacies/{id}/inventory) and are not for sale; declining it, or the window passing
 * (handlers/pharmacy/releaseExpiredReservations.ts), gives them back. Written by functions only.
 */
export const reservationDocSchema = z.object({
  patientUid: storedIdSchema,
  pharmacyId: storedIdSchema,
  prescriptionId: storedIdSchema,
  lines: z.array(z.object({ line: z.number(), medicineId: z.string(), quantity: z.number() })),
  status: z.enum(["held", "confirmed", "declined", "released"]),
  holdUntil: timestampSchema,
  createdAt: timestampSchema,
  decidedAt: timestampSchema.optional(),
  releasedAt: timestampSchema.optional(),
});
export type ReservationDoc = z.infer<typeof reservationDocSchema>;
