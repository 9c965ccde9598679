import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/** reminders/{appointmentId}_{offset}m: one reminder of an appointment booked before reminders moved onto appointments (repo/reminders.ts). */
export const reminderDocSchema = z.object({
  appointmentId: storedIdSchema,
  patientUid: storedIdSchema,
  offsetMinutes: z.number(),
  /** The appointment's start when the reminder was written: a moved appointment skips it. */
  startAt: timestampSchema,
  dueAt: timestampSchema,
  /** `failed`: parked after REMINDER_MAX_ATTEMPTS failed attempts (domain/notifications/outbox.ts). */
  state: z.enum(["scheduled", "queued", "skipped", "failed"]),
  /** Failed attempts to queue it, and the last one's error code (no PHI). */
  attempts: z.number().int().min(0).optional(),
  lastError: z.string().optional(),
  updatedAt: timestampSchema,
});
export type ReminderDoc = z.infer<typeof reminderDocSchema>;
