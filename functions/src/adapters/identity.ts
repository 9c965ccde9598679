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
