import { inboundCallable } from "./areas";
import { roles } from "./define";

/** The inbound channels' clinic side: call-back tickets from the voice line. handlers/inbound/. */
export const INBOUND_CALLABLES = [
  inboundCallable({
    name: "closeTicket",
    summary: "Closes a call-back request from the voice line, with an optional note.",
    who: "an admin of the ticket's clinic (platform admins for tickets without one)",
    allow: { check: roles("admin"), denied: "only a clinic's admins close call-back tickets" },
    handler: () => import("../handlers/inbound/closeTicket").then((m) => m.closeTicket),
  }),
] as const;
