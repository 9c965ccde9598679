import type { Transaction } from "firebase-admin/firestore";
import { phoneVerificationDocSchema, type PhoneVerificationDoc } from "../schemas/documents/contacts";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { PhoneVerificationDoc };

/**
 * `phoneVerifications/{uid}`: the one code a user is waiting for (a new request replaces it), as a
 * keyed hash with its attempts; functions only. The TTL policy on `expireAt` removes what is left.
 */
const phoneVerifications = () =>
  db().collection(COLLECTIONS.phoneVerifications).withConverter(converterFor(phoneVerificationDocSchema));

export const phoneVerificationRef = (uid: string) => phoneVerifications().doc(uid);

export function getPhoneVerification(uid: string, tx?: Transaction): Promise<PhoneVerificationDoc | null> {
  return readDoc(phoneVerificationRef(uid), tx);
}

export function setPhoneVerification(tx: Transaction, uid: string, pending: PhoneVerificationDoc): void {
  tx.set(phoneVerificationRef(uid), pending);
}

export function updatePhoneVerification(
  tx: Transaction,
  uid: string,
  patch: Partial<Pick<PhoneVerificationDoc, "state" | "attempts">>,
): void {
  tx.update(phoneVerificationRef(uid), patch);
}

export function deletePhoneVerification(tx: Transaction, uid: string): void {
  tx.delete(phoneVerificationRef(uid));
}
