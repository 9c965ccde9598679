import type { Transaction, UpdateData } from "firebase-admin/firestore";
import { ticketDocSchema, type TicketDoc } from "../schemas/documents/inbound";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { TicketDoc };

/** `tickets/{id}`: call-back requests; functions write, the clinic's admins read (firestore.rules). */
const tickets = () => db().collection(COLLECTIONS.tickets).withConverter(converterFor(ticketDocSchema));

export const ticketRef = (id: string) => tickets().doc(id);
export const newTicketRef = () => tickets().doc();

export function getTicket(id: string, tx?: Transaction): Promise<TicketDoc | null> {
  return readDoc(ticketRef(id), tx);
}

export function createTicket(tx: Transaction, id: string, ticket: TicketDoc): void {
  tx.create(ticketRef(id), ticket);
}

export function updateTicket(tx: Transaction, id: string, patch: UpdateData<TicketDoc>): void {
  tx.update(ticketRef(id), patch);
}
