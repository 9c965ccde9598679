import { Timestamp } from "firebase-admin/firestore";
import { contactDocSchema, type ContactDoc } from "../schemas/documents/contacts";
import { documents } from "./documents";
import { recordFailedAttempt } from "./failedAttempts";
import { COLLECTIONS } from "./firestore";

export type { ContactDoc };

/**
 * `contacts/{uid}`: how the platform reaches a user. Written by functions only (firestore.rules
 * let the owner read it): `phone` is only ever a number the user proved they hold, which is why
 * messages are sent to it and to no number a profile holds.
 */
const contacts = documents(COLLECTIONS.contacts, contactDocSchema);

export const contactRef = contacts.ref;
export const getContact = contacts.get;
/** Writes the whole contact (the caller merges what it read in the same transaction). */
export const setContact = contacts.set;
export const updateContact = contacts.update;

/** The uids of doctors whose daily agenda is due (`agendaNextAt` passed), oldest first. */
export const findContactIdsWithAgendaDue = (now: Date, limit: number): Promise<string[]> =>
  contacts.idsDueBy("agendaNextAt", now, limit);

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
  return recordFailedAttempt(COLLECTIONS.contacts, uid, "agendaAttempts", (previous) => {
    const after = next(previous);
    const patch = {
      agendaAttempts: after.attempts,
      agendaError: code,
      agendaNextAt: after.nextAtMs === null ? null : Timestamp.fromMillis(after.nextAtMs),
    };
    return { patch, answer: true };
  });
}

/** The users who proved this number (a family may share one phone); at most `limit`. */
export async function findContactUidsByPhone(phone: string, limit = 10): Promise<string[]> {
  const snap = await contacts.collection().where("phone", "==", phone).limit(limit).get();
  return snap.docs.map((d) => d.id);
}
