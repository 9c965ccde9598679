/**
 * Revocation of a user's sessions, in Firebase Auth's own terms. Auth keeps, per user, the second
 * from which tokens are valid (`tokensValidAfterTime`), and `verifyIdToken(token, true)` refuses a
 * token whose `auth_time` (the sign-in, in whole seconds) is before it. `revocations/{uid}` keeps
 * the same second so that the rules and every callable can apply the same test with one read
 * (firestore.rules `notRevoked()`, services/callable/caller.ts).
 *
 * Seconds make the test coarse: a token signed in during the very second of a revocation survives
 * it, exactly as it survives Auth's own check; a token signed in again right after a revocation
 * (same second) must work, or a user whose role just changed would be refused until the next
 * second. A deleted account cannot sign in again, so its revocation refuses every token up to and
 * including the second in which it was deleted (`afterDeletion`).
 */

/** An ID token lives an hour and a revoked one cannot be refreshed: after that nothing is left to refuse. */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;
/** Kept for twice a token's lifetime, for clock skew and the TTL policy's own delay. */
export const REVOCATION_KEEP_SECONDS = 2 * ID_TOKEN_LIFETIME_SECONDS;

/** Is a token signed in at `authTime` (epoch seconds) refused by this revocation? */
export function isRevoked(authTime: unknown, revocation: { at: number } | null): boolean {
  if (!revocation) return false;
  // A token without a usable auth_time cannot prove it was signed in after the revocation.
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return true;
  return authTime < revocation.at;
}

/** The second from which tokens are valid, from Auth's `tokensValidAfterTime` (or the time of the revocation). */
export function validFromSecond(validAfter: Date): number {
  return Math.floor(validAfter.getTime() / 1000);
}

/** After a deletion finished at `deletedAt`: every token signed in up to that second is refused. */
export function afterDeletion(deletedAt: Date): number {
  return Math.floor(deletedAt.getTime() / 1000) + 1;
}

/** When the TTL policy may delete the revocation. */
export function revocationExpiry(at: number): Date {
  return new Date((at + REVOCATION_KEEP_SECONDS) * 1000);
}
