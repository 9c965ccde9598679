import { onSchedule } from "firebase-functions/v2/scheduler";
import { exportEvents } from "../../handlers/analytics/exportEvents";

/** Domain events to BigQuery, every 5 minutes (at most 10,000 a run; the next run takes the rest). */
export const exportEventsToBigQuery = onSchedule({ schedule: "every 5 minutes", timeoutSeconds: 300 }, () =>
  exportEvents(new Date()).then(() => undefined),
);
