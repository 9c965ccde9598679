import { onSchedule } from "firebase-functions/v2/scheduler";

/** Domain events to BigQuery, every 5 minutes (at most 10,000 a run; the next run takes the rest). */
export const exportEventsToBigQuery = onSchedule(
  { schedule: "every 5 minutes", timeoutSeconds: 300 },
  async () => {
    const { exportEvents } = await import("../../handlers/analytics/exportEvents");
    await exportEvents(new Date());
  },
);
