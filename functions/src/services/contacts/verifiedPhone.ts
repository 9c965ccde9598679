import { Timestamp, type Transaction } from "firebase-admin/firestore";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { setContact, type ContactDoc } from "../../repo/contacts";

/**
 * Records `phone` as the number the actor proved they hold (by a code, or as their Auth account's
 * number), keeping the rest of their contact, with its audit entry, in the caller's transaction.
 * `contact` is what the transaction read before its writes.
 */
export function recordVerifiedPhone(
  tx: Transaction,
  subject: { actor: Actor; origin: Origin; contact: ContactDoc | null },
  phone: string,
  by: "code" | "auth",
  now: Date,
): void {
  const { actor, origin, contact } = subject;
  const at = Timestamp.fromDate(now);
  setContact(tx, actor.uid, { ...contact, phone, verifiedAt: at, verifiedBy: by, updatedAt: at });
  recordAction(
    tx,
    {
      action: "contact.verified",
      actor,
      org: actor.org ?? null,
      target: { type: "contact", id: actor.uid },
      origin,
    },
    now,
  );
}
