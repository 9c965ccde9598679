import { inEmulator } from "../../config/emulator";
import type { Call } from "../../registry/define";
import type { RunScheduledWorkRequest } from "../../schemas/operations";
import { exportEvents } from "../analytics/exportEvents";
import { closeConsultations } from "../consultations/closeConsultations";
import { markNoShows } from "../consultations/markNoShows";
import { sendDueAgendas } from "../notifications/agendas";
import { expireProposals } from "../booking/expireProposals";
import { finishScheduleChanges } from "../scheduling/finishScheduleChanges";
import { queueDueReminders } from "../notifications/reminders";
import { retryOutboxMessages } from "../notifications/send";
import { refreshExpiredStock } from "../pharmacy/refreshStock";
import { rebuildListings } from "../pharmacy/syncListing";
import { appError } from "../../schemas/errors";

/**
 * The scheduled work, on demand, for a platform admin: the same code the schedules run. A
 * `now` other than the real time is accepted only in the emulator, so tests and the demo can
 * move the clock without waiting.
 */
export async function runScheduledWork({ input, now }: Call<RunScheduledWorkRequest>) {
  if (input.now && !inEmulator())
    throw appError("failed-precondition", "emulator-only", "now can be moved only in the emulator");
  const at = input.now ? new Date(input.now) : now;
  const { task } = input;
  if (task === "reminders") return { task, ...(await queueDueReminders(at)) };
  if (task === "stockExpiry") return { task, ...(await refreshExpiredStock(at)) };
  if (task === "noShows") return { task, ...(await markNoShows(at)) };
  if (task === "events") return { task, ...(await exportEvents(at)) };
  if (task === "proposals") return { task, ...(await expireProposals(at)) };
  if (task === "scheduleChanges") return { task, ...(await finishScheduleChanges(at)) };
  if (task === "pharmacyListing") return { task, ...(await rebuildListings()) };
  if (task === "agendas") return { task, ...(await sendDueAgendas(at)) };
  if (task === "consultations") return { task, ...(await closeConsultations(at)) };
  return { task, ...(await retryOutboxMessages(at)) };
}
