import { z } from "zod";
import { bookedIntervalsSchema } from "./bookedTime";
import { timestampSchema } from "./stored";

/** bookingState/{patient}: the patient's open (booked) appointments. */
export const bookingStateDocSchema = z.object({
  open: bookedIntervalsSchema,
  updatedAt: timestampSchema.optional(),
});
export type BookingStateDoc = z.infer<typeof bookingStateDocSchema>;
