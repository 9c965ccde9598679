import { logger } from "firebase-functions";
import { SCHEDULER_BATCH } from "../../config/notifications";
import { findUnfinishedScheduleChangeIds } from "../../repo/scheduleChanges";
import { applyScheduleChange } from "../../services/scheduling/scheduleChanges";

/** A change's own call applies it at once; one still applying after this long was cut short. */
const GRACE_MS = 2 * 60_000;

/**
 * The scheduler's backstop for schedule changes (services/scheduling/scheduleChanges.ts): a change
 * whose run was cut short (a crash, a timeout) is applied to the end, item by item, so no affected
 * appointment is left standing on leave or with a suspended doctor.
 */
export async function finishScheduleChanges(now: Date, limit = SCHEDULER_BATCH) {
  const ids = await findUnfinishedScheduleChangeIds(new Date(now.getTime() - GRACE_MS), limit);
  let applied = 0;
  for (const id of ids) {
    const outcome = await applyScheduleChange(id, now);
    applied += outcome.cancelled.length + outcome.proposed.length + outcome.skipped.length;
  }
  if (ids.length) logger.info("schedule.changesFinished", { changes: ids.length, items: applied });
  return { changes: ids.length, items: applied };
}
