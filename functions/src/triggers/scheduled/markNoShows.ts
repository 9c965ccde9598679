import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Marks the video appointments nobody (or one side) attended, 15 minutes after their start
 * (handlers/consultations/markNoShows.ts); runScheduledWork runs the same on demand.
 */
export const markNoShows = onSchedule({ schedule: "every 5 minutes" }, async () => {
  const { markNoShows: mark } = await import("../../handlers/consultations/markNoShows");
  await mark(new Date());
});
