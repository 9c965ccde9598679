import { Timestamp } from "firebase-admin/firestore";
import { revocationExpiry } from "../domain/identity/revocation";
import {
  revocationDocSchema,
  type RevocationDoc,
  type RevocationReason,
} from "../schemas/documents/revocations";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { RevocationDoc, RevocationReason };

const revocations = () =>
  db().collection(COLLECTIONS.revocations).withConverter(converterFor(revocationDocSchema));

/** revocations/{uid}: one per user, the latest revocation (domain/identity/revocation.ts). */
export const revocationRef = (uid: string) => revocations().doc(uid);

/** The user's latest revocation, or null; a malformed one throws `MalformedDocumentError`. */
export function getRevocation(uid: string): Promise<RevocationDoc | null> {
  return readDoc(revocationRef(uid));
}

/**
 * Records that tokens signed in before `at` (epoch seconds) are refused. A revocation never moves
 * back: a later call with an earlier second (a retry, or two revocations racing) keeps the later one.
 */
export async function setRevocation(
  uid: string,
  revocation: { at: number; reason: RevocationReason },
  now: Date,
): Promise<void> {
  await db().runTransaction(async (tx) => {
    const current = await readDoc(revocationRef(uid), tx).catch(() => null);
    if (current && current.at > revocation.at) return;
    tx.set(revocationRef(uid), {
      at: revocation.at,
      reason: revocation.reason,
      revokedAt: Timestamp.fromDate(now),
      expireAt: Timestamp.fromDate(revocationExpiry(revocation.at)),
    });
  });
}
