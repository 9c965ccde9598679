import { z } from "zod";

const sweepCount = z.number().optional();

/** What `runScheduledWork` answers. */
export const runScheduledWorkResponseSchema = z.union([
  z.strictObject({
    due: z.number(),
    queued: z.number(),
    deferred: z.number(),
    skipped: z.number(),
    failed: z.number(),
    parked: z.number(),
    task: z.literal("reminders"),
  }),
  z.strictObject({ refreshed: z.number(), failed: z.number(), task: z.literal("stockExpiry") }),
  z.strictObject({
    scanned: z.number(),
    candidates: z.number(),
    marked: z.number(),
    skipped: z.number(),
    task: z.literal("noShows"),
  }),
  z.strictObject({
    read: z.number(),
    exported: z.number(),
    failed: z.number(),
    batches: z.number(),
    requests: z.number(),
    task: z.literal("events"),
  }),
  z.strictObject({
    found: z.number(),
    cancelled: z.number(),
    closed: z.number(),
    failed: z.number(),
    task: z.literal("proposals"),
  }),
  z.strictObject({ changes: z.number(), items: z.number(), task: z.literal("scheduleChanges") }),
  z.strictObject({ pharmacies: z.number(), cells: z.number(), task: z.literal("pharmacyListing") }),
  z.strictObject({
    due: z.number(),
    queued: z.number(),
    skipped: z.number(),
    failed: z.number(),
    task: z.literal("agendas"),
  }),
  z.strictObject({
    overdue: z.number(),
    ended: z.number(),
    waiting: z.number(),
    alerted: z.number(),
    failed: z.number(),
    task: z.literal("consultations"),
  }),
  z.strictObject({
    task: z.literal("outbox"),
    looked: z.number(),
    // How many messages ended in each state, were skipped, waited, threw or were parked: present only when some did.
    pending: sweepCount,
    processing: sweepCount,
    sent: sweepCount,
    failed: sweepCount,
    retry: sweepCount,
    scheduled: sweepCount,
    skipped: sweepCount,
    // Held back while an earlier message about the same appointment to the same number is on its way.
    waiting: sweepCount,
    error: sweepCount,
    parked: sweepCount,
  }),
]);
