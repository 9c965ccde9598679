import type { Transaction } from "firebase-admin/firestore";
import { phoneVerificationDocSchema, type PhoneVerificationDoc } from "../schemas/documents/contacts";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { PhoneVerificationDoc };

/**
 * `phoneVerifications/{uid}`: the one code a user is waiting for (a new request replaces it), as a
 * keyed hash with its attempts; functions only. The TTL policy on `expireAt` removes what is left.
 */
const phoneVerifications = documents(COLLECTIONS.phoneVerifications, phoneVerificationDocSchema);

export const getPhoneVerification = phoneVerifications.get;
export const setPhoneVerification = phoneVerifications.set;
export const deletePhoneVerification = phoneVerifications.delete;

/** Only the attempts and the state of a code change once it is sent. */
export function updatePhoneVerification(
  tx: Transaction,
  uid: string,
  patch: Partial<Pick<PhoneVerificationDoc, "state" | "attempts">>,
): void {
  phoneVerifications.update(tx, uid, patch);
}
