import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/** reminders/{appointmentId}_{offset}m: one reminder of a booked appointment (repo/reminders.ts). */
export const reminderDocSchema = z.object({
  appointmentId: storedIdSchema,
  patientUid: storedIdSchema,
  offsetMinutes: z.number(),
  /** The appointment's start when the reminder was written: a moved appointment skips it. */
  startAt: timestampSchema,
  dueAt: timestampSchema,
  state: z.enum(["scheduled", "queued", "skipped"]),
  updatedAt: timestampSchema,
});
export type ReminderDoc = z.infer<typeof reminderDocSchema>;
