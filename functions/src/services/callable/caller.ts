import { getAuth } from "firebase-admin/auth";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { actorFromClaims, type Actor } from "../../domain/identity/actor";

/**
 * The signed-in actor of a callable request. With `checkRevoked`, the ID token is checked
 * against Auth once more so that a role removed a moment ago (tokens revoked) stops working
 * at once instead of when the token expires; used by privileged callables.
 */
export async function requireActor(
  request: CallableRequest<unknown>,
  options: { checkRevoked?: boolean } = {},
): Promise<Actor> {
  if (request.app?.alreadyConsumed)
    throw new HttpsError("unauthenticated", "this App Check token was already used; get a new one");
  if (!request.auth) throw new HttpsError("unauthenticated", "sign in first");
  if (options.checkRevoked) {
    const header = request.rawRequest.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    try {
      await getAuth().verifyIdToken(token, true);
    } catch {
      throw new HttpsError("unauthenticated", "this session was signed out; sign in again");
    }
  }
  return actorFromClaims(request.auth.uid, request.auth.token as Record<string, unknown>);
}

/** Where a request came from, for the audit log. */
export function requestOrigin(request: { rawRequest: { ip?: string; headers: Record<string, unknown> } }): {
  ip?: string;
  userAgent?: string;
} {
  const ua = request.rawRequest.headers["user-agent"];
  return { ip: request.rawRequest.ip, userAgent: typeof ua === "string" ? ua : undefined };
}
