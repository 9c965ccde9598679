import { onSchedule } from "firebase-functions/v2/scheduler";
import { exportEvents } from "../handlers/analytics/exportEvents";

/** Domain events to BigQuery (at most 10,000 a run; the next run takes the rest). */
export const exportEventsEveryFiveMinutes = onSchedule(
  { schedule: "every 5 minutes", timeoutSeconds: 300 },
  async () => {
    await exportEvents(new Date());
  },
);
