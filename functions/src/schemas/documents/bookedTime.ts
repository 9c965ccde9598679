import { z } from "zod";

/** Booked intervals by appointment id, in epoch milliseconds (repo/bookedTime.ts). */
export const bookedIntervalsSchema = z.record(z.string(), z.object({ start: z.number(), end: z.number() }));
export type BookedIntervals = z.infer<typeof bookedIntervalsSchema>;
