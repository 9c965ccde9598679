import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { canHandleTicket } from "../../authz/policy";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getTicket, updateTicket } from "../../repo/tickets";
import { runTransaction } from "../../repo/transaction";
import type { CloseTicketRequest } from "../../schemas/inbound";
import { appError } from "../../schemas/errors";

/**
 * An admin of the clinic closes a call-back ticket from the voice line, with an optional note;
 * audited. Closing a closed ticket answers the same and writes nothing.
 */
export async function closeTicket({
  actor,
  input,
  now,
  origin,
}: Call<CloseTicketRequest>): Promise<{ ticketId: string; status: "closed" }> {
  const fresh = await runTransaction(async (tx) => {
    const ticket = await getTicket(input.ticketId, tx);
    // Another clinic's ticket is not found either: its existence is not for this admin.
    if (!ticket || !canHandleTicket(actor, ticket))
      throw appError("not-found", "not-found", "no such ticket");
    if (ticket.status === "closed") return false;
    updateTicket(tx, input.ticketId, {
      status: "closed",
      closedAt: Timestamp.fromDate(now),
      closedBy: actor.uid,
      note: input.note ?? null,
    });
    recordAction(
      tx,
      {
        action: "ticket.closed",
        actor,
        org: ticket.org,
        target: { type: "ticket", id: input.ticketId },
        origin,
      },
      now,
    );
    return true;
  });
  if (fresh) logger.info("ticket.closed", { ticketId: input.ticketId, by: actor.uid });
  return { ticketId: input.ticketId, status: "closed" };
}
