import { defineCallable, roles } from "./define";

/** The inbound channels' clinic side: call-back tickets from the voice line. handlers/inbound/. */
export const INBOUND_CALLABLES = [
  defineCallable({
    name: "closeTicket",
    summary: "Closes a call-back request from the voice line, with an optional note.",
    who: "an admin of the ticket's clinic (platform admins for tickets without one)",
    request: () => import("../schemas/inbound").then((m) => m.closeTicketRequestSchema),
    allow: { check: roles("admin"), denied: "only a clinic's admins close call-back tickets" },
    response: () => import("../schemas/responses/inbound").then((m) => m.closeTicketResponseSchema),
    handler: () => import("../handlers/inbound/closeTicket").then((m) => m.closeTicket),
  }),
] as const;
