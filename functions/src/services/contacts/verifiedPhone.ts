import { Timestamp, type Transaction } from "firebase-admin/firestore";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { setContact, type ContactDoc } from "../../repo/contacts";

/** Who changes their contact, from where. */
export interface ContactSubject {
  actor: Actor;
  origin: Origin;
}

/**
 * Writes the actor's whole contact (the caller merged what its transaction read) with its audit
 * entry, in the caller's transaction: every change to `contacts/{uid}` goes through here.
 */
export function saveContact(
  tx: Transaction,
  subject: ContactSubject,
  contact: ContactDoc,
  action: "contact.verified" | "contact.updated",
  now: Date,
): void {
  const { actor, origin } = subject;
  setContact(tx, actor.uid, contact);
  recordAction(
    tx,
    { action, actor, org: actor.org ?? null, target: { type: "contact", id: actor.uid }, origin },
    now,
  );
}

/**
 * Records `phone` as the number the actor proved they hold (by a code, or as their Auth account's
 * number), keeping the rest of their contact, with its audit entry, in the caller's transaction.
 * `contact` is what the transaction read before its writes.
 */
export function recordVerifiedPhone(
  tx: Transaction,
  subject: ContactSubject & { contact: ContactDoc | null },
  phone: string,
  by: "code" | "auth",
  now: Date,
): void {
  const at = Timestamp.fromDate(now);
  const contact = { ...subject.contact, phone, verifiedAt: at, verifiedBy: by, updatedAt: at };
  saveContact(tx, subject, contact, "contact.verified", now);
}
