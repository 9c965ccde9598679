import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * scheduleChanges/{id}: a change of a doctor's schedule (new availability with leave or fewer
 * hours, a suspension) and what it does to each booked appointment it affects: `cancel`, or
 * `propose` a new time. Written with the change itself, in its transaction; each item is then
 * applied in its own transaction, which records its outcome here, so a run cut short is finished
 * by the scheduler (handlers/scheduling/scheduleChanges.ts) and nothing is left dangling. Internal
 * to the functions (no rule opens it); the admin's answer carries the outcomes.
 */
export const scheduleChangeItemSchema = z.object({
  action: z.enum(["cancel", "propose"]),
  /** The proposed start (propose only). */
  to: timestampSchema.optional(),
  reason: z.enum(["leave", "hours", "mode", "suspended"]),
  /** The appointment's start when the change was made: a moved appointment is skipped. */
  from: timestampSchema,
  /** Null until applied: cancelled, proposed, or skipped (the appointment had changed meanwhile). */
  done: z.enum(["cancelled", "proposed", "skipped"]).nullable(),
});
export type ScheduleChangeItem = z.infer<typeof scheduleChangeItemSchema>;

export const scheduleChangeDocSchema = z.object({
  doctorUid: storedIdSchema,
  org: storedIdSchema,
  cause: z.enum(["availability", "suspension"]),
  by: z.string(),
  role: z.string(),
  /** The clinic's reason, kept on each cancelled appointment's history (never in a message). */
  reason: z.string(),
  /** The doctor's timezone, for the summary message. */
  timezone: z.string(),
  items: z.record(z.string(), scheduleChangeItemSchema),
  state: z.enum(["applying", "done"]),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type ScheduleChangeDoc = z.infer<typeof scheduleChangeDocSchema>;
