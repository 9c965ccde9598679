import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { z } from "zod";
import type { MessageTransport } from "../../domain/notifications/transport";
import { isPlatformAdmin } from "../../authz/policy";
import { requireActor } from "../context";
import { parseRequest } from "../errors";
import { exportEvents } from "../analytics/exportEvents";
import { markNoShows } from "../consultations/markNoShows";
import { refreshExpiredStock } from "../pharmacy/refreshStock";
import { runReminders } from "./reminders";
import { sweepOutbox } from "./send";

const requestSchema = z
  .object({
    task: z.enum(["reminders", "outbox", "stockExpiry", "noShows", "events"]),
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * The scheduled work, on demand, for a platform admin: the same code the schedules run. A
 * `now` other than the real time is accepted only in the emulator, so tests and the demo can
 * move the clock without waiting.
 */
export async function runScheduledWork(
  request: CallableRequest<unknown>,
  deps: { transport: () => MessageTransport; statusCallbackUrl: () => string; emulator: boolean },
) {
  const actor = await requireActor(request, { checkRevoked: true });
  if (!isPlatformAdmin(actor))
    throw new HttpsError("permission-denied", "only a platform admin runs scheduled work by hand");
  const input = parseRequest(requestSchema, request.data);
  if (input.now && !deps.emulator)
    throw new HttpsError("failed-precondition", "now can be moved only in the emulator");
  const now = input.now ? new Date(input.now) : new Date();
  if (input.task === "reminders") return { task: input.task, ...(await runReminders(now)) };
  if (input.task === "stockExpiry") return { task: input.task, ...(await refreshExpiredStock(now)) };
  if (input.task === "noShows") return { task: input.task, ...(await markNoShows(now)) };
  if (input.task === "events") return { task: input.task, ...(await exportEvents(now)) };
  return { task: input.task, ...(await sweepOutbox(now, deps.transport(), deps.statusCallbackUrl())) };
}
