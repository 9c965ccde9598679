import type { Transaction } from "firebase-admin/firestore";
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

/** The users who proved this number (a family may share one phone); at most `limit`. */
export async function findContactUidsByPhone(phone: string, limit = 10): Promise<string[]> {
  const snap = await contacts().where("phone", "==", phone).limit(limit).get();
  return snap.docs.map((d) => d.id);
}
