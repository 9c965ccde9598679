import { z } from "zod";

/** The scheduled jobs a platform admin can run by hand (runScheduledWork). */
export const SCHEDULED_TASKS = [
  "reminders",
  "outbox",
  "stockExpiry",
  "noShows",
  "events",
  /** Proposed times nobody answered by their deadline: the appointments are cancelled. */
  "proposals",
  /** Schedule changes whose run was cut short: finished. */
  "scheduleChanges",
  /** Not scheduled: rebuilds the nearby search's listing from every pharmacy (after a first deployment). */
  "pharmacyListing",
  /** The doctors' daily agendas that are due (handlers/notifications/agendas.ts). */
  "agendas",
  /** Calls past their end, and patients waiting for a late doctor (handlers/consultations/closeConsultations.ts). */
  "consultations",
] as const;

export const runScheduledWorkRequestSchema = z.strictObject({
  task: z.enum(SCHEDULED_TASKS),
  /** Another time than now: accepted only in the emulator, so tests and the demo move the clock. */
  now: z.iso.datetime({ offset: true }).optional(),
});
export type RunScheduledWorkRequest = z.infer<typeof runScheduledWorkRequestSchema>;
