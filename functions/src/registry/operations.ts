import { isPlatformAdmin } from "../authz/policy";
import { MESSAGING_SECRETS } from "../config/params";
import { operationsCallable } from "./areas";

/** Operating the platform: handlers/operations/. */
export const OPERATIONS_CALLABLES = [
  operationsCallable({
    name: "runScheduledWork",
    summary:
      "Runs one scheduled job now (reminders, outbox, stockExpiry, noShows, events); `now` may move only in the emulator.",
    who: "platform admins",
    checkRevoked: true,
    allow: { check: isPlatformAdmin, denied: "only a platform admin runs scheduled work by hand" },
    // The outbox task sends messages.
    secrets: MESSAGING_SECRETS,
    handler: () => import("../handlers/operations/runScheduledWork").then((m) => m.runScheduledWork),
  }),
] as const;
