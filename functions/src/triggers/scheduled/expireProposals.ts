import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Cancels the appointments whose proposed new time nobody answered by the deadline, telling the
 * patient and the doctor (handlers/booking/expireProposals.ts); runScheduledWork runs the same on demand.
 */
export const expireProposals = onSchedule({ schedule: "every 5 minutes" }, async () => {
  const { expireProposals: expire } = await import("../../handlers/booking/expireProposals");
  await expire(new Date());
});
