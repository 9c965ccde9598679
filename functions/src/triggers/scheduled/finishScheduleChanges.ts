import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Finishes schedule changes (leave over bookings, a suspension) whose run was cut short
 * (handlers/scheduling/finishScheduleChanges.ts); runScheduledWork runs the same on demand.
 */
export const finishScheduleChanges = onSchedule({ schedule: "every 10 minutes" }, async () => {
  const { finishScheduleChanges: finish } = await import("../../handlers/scheduling/finishScheduleChanges");
  await finish(new Date());
});
