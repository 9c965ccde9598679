import { isPlatformAdmin } from "../authz/policy";
import { MESSAGING_SECRETS } from "../config/params";
import { defineCallable } from "./define";

/** Operating the platform: handlers/operations/. */
export const OPERATIONS_CALLABLES = [
  defineCallable({
    name: "runScheduledWork",
    summary:
      "Runs one scheduled job now (reminders, outbox, stockExpiry, noShows, events); `now` may move only in the emulator.",
    who: "platform admins",
    request: () => import("../schemas/operations").then((m) => m.runScheduledWorkRequestSchema),
    checkRevoked: true,
    allow: { check: isPlatformAdmin, denied: "only a platform admin runs scheduled work by hand" },
    // The outbox task sends messages.
    secrets: MESSAGING_SECRETS,
    response: () => import("../schemas/responses/operations").then((m) => m.runScheduledWorkResponseSchema),
    handler: () => import("../handlers/operations/runScheduledWork").then((m) => m.runScheduledWork),
  }),
] as const;
