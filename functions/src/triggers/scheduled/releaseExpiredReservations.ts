import { onSchedule } from "firebase-functions/v2/scheduler";

/** Gives back the stock of reservations whose pickup window passed; every 15 minutes. */
export const releaseExpiredReservations = onSchedule({ schedule: "every 15 minutes" }, async () => {
  const { releaseExpiredReservations: release } =
    await import("../../handlers/pharmacy/releaseExpiredReservations");
  await release(new Date());
});
