import { Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { contactDocSchema, type ContactDoc } from "../schemas/documents/contacts";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ContactDoc };

/**
 * `contacts/{uid}`: how the platform reaches a user. Written by functions only (firestore.rules
 * let the owner read it): `phone` is only ever a number the user proved they hold, which is why
 * messages are sent to it and to no number a profile holds.
 */
const contacts = () => db().collection(COLLECTIONS.contacts).withConverter(converterFor(contactDocSchema));

export const contactRef = (uid: string) => contacts().doc(uid);

export function getContact(uid: string, tx?: Transaction): Promise<ContactDoc | null> {
  return readDoc(contactRef(uid), tx);
}

/** Writes the whole contact (the caller merges what it read in the same transaction). */
export function setContact(tx: Transaction, uid: string, contact: ContactDoc): void {
  tx.set(contactRef(uid), contact);
}

export function updateContact(tx: Transaction, uid: string, patch: UpdateData<ContactDoc>): void {
  tx.update(contactRef(uid), patch);
}

/**
 * The uids of doctors whose daily agenda is due (`agendaNextAt` passed), oldest first; ids only,
 * so that a malformed contact is met (and its failure recorded) instead of skipped for ever.
 * A single-field index on agendaNextAt serves it.
 */
export async function findContactIdsWithAgendaDue(now: Date, limit: number): Promise<string[]> {
  const query = contacts()
    .where("agendaNextAt", "<=", Timestamp.fromDate(now))
    .orderBy("agendaNextAt")
    .limit(limit);
  return (await query.select().get()).docs.map((d) => d.id);
}

/**
 * A failed agenda: counted with its error code, and `agendaNextAt` moved to `next(attempts)`
 * (a retry soon, or the next day's once the attempts are spent). Written without the converter,
 * so a malformed contact is moved on too. False when the contact is gone.
 */
export async function recordAgendaFailure(
  uid: string,
  code: string,
  next: (previousAttempts: number) => { attempts: number; nextAtMs: number | null },
): Promise<boolean> {
  const raw = db().collection(COLLECTIONS.contacts).doc(uid);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(raw);
    if (!snap.exists) return false;
    const previous = snap.get("agendaAttempts");
    const after = next(typeof previous === "number" ? previous : 0);
    tx.update(raw, {
      agendaAttempts: after.attempts,
      agendaError: code,
      agendaNextAt: after.nextAtMs === null ? null : Timestamp.fromMillis(after.nextAtMs),
    });
    return true;
  });
}
