import { getAuth } from "firebase-admin/auth";
import type { Claims } from "../schemas/identity";

/**
 * Role changes: replace the user's claims, then revoke their refresh tokens so that the next
 * token they get carries the new role and no older session outlives the change.
 */
export async function applyRoleClaims(uid: string, claims: Claims): Promise<void> {
  await getAuth().setCustomUserClaims(uid, claims);
  await getAuth().revokeRefreshTokens(uid);
}

/**
 * The phone number on the user's Auth account, or null: set by phone sign-in, which proved it
 * with Firebase's own code. Read from Auth each time (not from the ID token, which can be an
 * hour older than an unlinked number).
 */
export async function authPhoneNumber(uid: string): Promise<string | null> {
  const user = await getAuth().getUser(uid);
  return user.phoneNumber ?? null;
}
