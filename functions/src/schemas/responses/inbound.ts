import { z } from "zod";

/** What `closeTicket` answers. */
export const closeTicketResponseSchema = z.strictObject({
  ticketId: z.string(),
  status: z.literal("closed"),
});
