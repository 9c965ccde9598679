import type { z } from "zod";
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
});
export type AvailabilityDoc = z.infer<typeof availabilityDocSchema>;
