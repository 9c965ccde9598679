import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * CSRF tokens for cookie-authenticated requests. Firebase Hosting forwards only the
 * `__session` cookie to functions, so a double-submit cookie cannot travel; instead the token
 * is an HMAC of the session cookie under a server secret. It is handed to the client once, at
 * sign-in, and must come back in the X-CSRF-Token header of every state-changing request.
 */
export function csrfTokenFor(sessionCookie: string, secret: string): string {
  return createHmac("sha256", secret).update(sessionCookie).digest("base64url");
}

export function csrfTokenMatches(sessionCookie: string, token: string | undefined, secret: string): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfTokenFor(sessionCookie, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A session cookie is minted only from a sign-in at most this old (Firebase's guidance). */
export const MAX_SIGN_IN_AGE_SECONDS = 5 * 60;

export function isRecentSignIn(authTimeSeconds: number, now: Date): boolean {
  return now.getTime() / 1000 - authTimeSeconds <= MAX_SIGN_IN_AGE_SECONDS;
}

/** Origins allowed to call the session endpoints: an exact match against a configured list. */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  return origin === undefined || allowed.includes(origin);
}
