import { onSchedule } from "firebase-functions/v2/scheduler";
import { refreshExpiredStock as refresh } from "../../handlers/pharmacy/refreshStock";

/**
 * Recomputes the stock state of items whose batches expired. Batches expire at the end of the
 * day, so this runs every day at 00:15 IST.
 */
export const refreshExpiredStock = onSchedule({ schedule: "every day 00:15", timeZone: "Asia/Kolkata" }, () =>
  refresh(new Date()).then(() => undefined),
);
