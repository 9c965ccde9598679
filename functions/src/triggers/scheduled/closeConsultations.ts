import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Every 5 minutes: calls past their end are ended, and a patient waiting for a late doctor is told
 * and the clinic alerted (handlers/consultations/closeConsultations.ts); no-shows are markNoShows'.
 */
export const closeConsultations = onSchedule({ schedule: "every 5 minutes" }, async () => {
  const { closeConsultations: close } = await import("../../handlers/consultations/closeConsultations");
  await close(new Date());
});
