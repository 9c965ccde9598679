import { ticketDocSchema, type TicketDoc } from "../schemas/documents/inbound";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { TicketDoc };

/** `tickets/{id}`: call-back requests; functions write, the clinic's admins read (firestore.rules). */
const tickets = documents(COLLECTIONS.tickets, ticketDocSchema);

export const newTicketRef = () => tickets.collection().doc();
export const getTicket = tickets.get;
export const createTicket = tickets.create;
export const updateTicket = tickets.update;
