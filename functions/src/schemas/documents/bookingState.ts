import { z } from "zod";
import { bookedIntervalsSchema } from "./bookedTime";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * bookingState/{patient}: the patient's open (booked) appointments and, written by `book`, the
 * booking rate-limit window and the recent idempotent answers (domain/booking/patientState.ts).
 */
export const bookingStateDocSchema = z.object({
  open: bookedIntervalsSchema,
  rate: z.object({ window: z.number(), count: z.number() }).optional(),
  answers: z
    .record(
      z.string(),
      z.object({
        operation: z.string(),
        requestHash: z.string(),
        appointmentId: storedIdSchema,
        at: z.number(),
      }),
    )
    .optional(),
  updatedAt: timestampSchema.optional(),
});
export type BookingStateDoc = z.infer<typeof bookingStateDocSchema>;
