import { revokeRefreshTokens, setRoleClaims } from "../../adapters/identity";
import { afterDeletion, validFromSecond } from "../../domain/identity/revocation";
import { setRevocation, type RevocationReason } from "../../repo/revocations";
import type { Claims } from "../../schemas/identity";

/**
 * Stops every session the user holds, at once: Auth revokes their refresh tokens (so no new ID
 * token can be minted from them), and `revocations/{uid}` records the same second for what Auth
 * does not check by itself on each request: the callables (services/callable/caller.ts) and the rules of
 * the collections that hold PHI (firestore.rules `notRevoked()`). Without the document an ID token
 * already issued would keep working until it expires, up to an hour later.
 *
 * Auth first, then the document: if the write fails the caller fails and is retried (every caller
 * re-applies the Auth side on a retry).
 */
export async function revokeSessions(uid: string, reason: RevocationReason, now: Date): Promise<void> {
  const validAfter = await revokeRefreshTokens(uid, now);
  await setRevocation(uid, { at: validFromSecond(validAfter), reason }, now);
}

/** A role change: the new claims, and every token carrying the old ones stops (roleChanged). */
export async function changeRoleClaims(uid: string, claims: Claims, now: Date): Promise<void> {
  await setRoleClaims(uid, claims);
  await revokeSessions(uid, "roleChanged", now);
}

/**
 * After the Auth user was deleted (at `deletedAt`): nobody can sign in as them again, so every
 * token of theirs is refused, even one signed in during the second of the deletion.
 */
export async function revokeDeletedAccount(uid: string, deletedAt: Date): Promise<void> {
  await setRevocation(uid, { at: afterDeletion(deletedAt), reason: "deleted" }, deletedAt);
}
