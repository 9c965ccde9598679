import { getAuth } from "firebase-admin/auth";
import { type CallableRequest } from "firebase-functions/v2/https";
import { actorFromClaims, type Actor } from "../../domain/identity/actor";
import { isRevoked } from "../../domain/identity/revocation";
import { MalformedDocumentError } from "../../repo/converter";
import { getRevocation } from "../../repo/revocations";
import { appError } from "../../schemas/errors";

const SIGNED_OUT = "this session was signed out; sign in again";

/**
 * The signed-in actor of a callable request. The callable framework checks only the ID token's
 * signature and expiry, so a token issued before a suspension, a role change, a sign-out or an
 * account deletion would keep working for up to an hour; every request therefore reads
 * `revocations/{uid}` (one document, written by services/identity/revokeSessions.ts) and refuses a
 * token signed in before it, as the rules do for PHI (firestore.rules `notRevoked()`).
 *
 * With `checkRevoked` the token is also checked against Auth itself (an Auth round trip): that
 * also catches a disabled account and a revocation made outside these functions (the console, a
 * script); used by the privileged callables. With `readRevocation: false` (registry/define.ts
 * `revocationCheck: false`, public non-PHI reads only) `revocations/{uid}` is not read.
 */
export async function requireActor(
  request: CallableRequest<unknown>,
  options: { checkRevoked?: boolean; readRevocation?: boolean } = {},
): Promise<Actor> {
  if (request.app?.alreadyConsumed)
    throw appError(
      "unauthenticated",
      "app-check-reused",
      "this App Check token was already used; get a new one",
    );
  if (!request.auth) throw appError("unauthenticated", "sign-in-required", "sign in first");
  const { uid, token } = request.auth;
  if (options.readRevocation !== false || options.checkRevoked) {
    // A malformed revocation refuses every token, as it does in the rules (they fail closed).
    const revocation = await getRevocation(uid).catch((error: unknown) => {
      if (error instanceof MalformedDocumentError) return { at: Number.POSITIVE_INFINITY };
      throw error;
    });
    if (isRevoked(token.auth_time, revocation)) throw appError("unauthenticated", "signed-out", SIGNED_OUT);
  }
  if (options.checkRevoked) {
    const header = request.rawRequest.headers.authorization ?? "";
    const bearer = header.startsWith("Bearer ") ? header.slice(7) : "";
    try {
      await getAuth().verifyIdToken(bearer, true);
    } catch {
      throw appError("unauthenticated", "signed-out", SIGNED_OUT);
    }
  }
  return actorFromClaims(uid, token as Record<string, unknown>);
}

/** Where a request came from, for the audit log. */
export function requestOrigin(request: { rawRequest: { ip?: string; headers: Record<string, unknown> } }): {
  ip?: string;
  userAgent?: string;
} {
  const ua = request.rawRequest.headers["user-agent"];
  return { ip: request.rawRequest.ip, userAgent: typeof ua === "string" ? ua : undefined };
}
