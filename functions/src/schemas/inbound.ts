import { z } from "zod";
import { docIdSchema } from "./common";

/** closeTicket: the clinic called the patient back (or could not), and closes the request. */
export const closeTicketRequestSchema = z.strictObject({
  ticketId: docIdSchema,
  /** What came of it, for the clinic's own record (no clinical detail). */
  note: z.string().trim().min(1).max(500).optional(),
});
export type CloseTicketRequest = z.infer<typeof closeTicketRequestSchema>;
