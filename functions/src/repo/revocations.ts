import { Timestamp } from "firebase-admin/firestore";
import { revocationExpiry } from "../domain/identity/revocation";
import {
  revocationDocSchema,
  type RevocationDoc,
  type RevocationReason,
} from "../schemas/documents/revocations";
import { documents } from "./documents";
import { COLLECTIONS, db } from "./firestore";

export type { RevocationDoc, RevocationReason };

/** revocations/{uid}: one per user, the latest revocation (domain/identity/revocation.ts). */
const revocations = documents(COLLECTIONS.revocations, revocationDocSchema);

export const revocationRef = revocations.ref;
/** The user's latest revocation, or null; a malformed one throws `MalformedDocumentError`. */
export const getRevocation = revocations.get;

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
    const current = await revocations.get(uid, tx).catch(() => null);
    if (current && current.at > revocation.at) return;
    revocations.set(tx, uid, {
      at: revocation.at,
      reason: revocation.reason,
      revokedAt: Timestamp.fromDate(now),
      expireAt: Timestamp.fromDate(revocationExpiry(revocation.at)),
    });
  });
}
