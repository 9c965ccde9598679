import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Recomputes the stock state of items whose batches expired. Batches expire at the end of the
 * day, so this runs every day at 00:15 IST.
 */
export const refreshExpiredStock = onSchedule(
  { schedule: "every day 00:15", timeZone: "Asia/Kolkata" },
  async () => {
    const { refreshExpiredStock: refresh } = await import("../../handlers/pharmacy/refreshStock");
    await refresh(new Date());
  },
);
