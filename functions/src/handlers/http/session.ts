import { getAuth, type DecodedIdToken } from "firebase-admin/auth";
import { parse as parseCookie, serialize as serializeCookie } from "cookie";
import type { Request } from "firebase-functions/v2/https";
import type { Response } from "express";
import { logger } from "firebase-functions";
import { z } from "zod";
import { actorFromClaims } from "../../domain/identity/actor";
import { csrfTokenFor, csrfTokenMatches, isAllowedOrigin, isRecentSignIn } from "../../domain/session/csrf";
import { createAuditEntry } from "../../repo/audit";
import { formatZodError } from "../../services/callable/parseRequest";
import { revokeSessions } from "../../services/identity/revokeSessions";
import { fail } from "./respond";

/** Firebase Hosting forwards this cookie, and only this one, to functions. */
export const SESSION_COOKIE = "__session";

export interface SessionConfig {
  csrfSecret: string;
  allowedOrigins: readonly string[];
  sessionDays: number;
}

const createSessionBodySchema = z.object({ idToken: z.string().min(1) }).strict();

/**
 * The web session API:
 * - `POST /api/auth/session` exchanges a fresh ID token for an httpOnly session cookie and a CSRF token;
 * - `DELETE /api/auth/session` signs out: revokes the user's sessions (their ID tokens too, at once:
 *   services/identity/revokeSessions.ts) and clears the cookie;
 * - `GET /api/auth/me` returns the user, role and organisation of a live session.
 */
export async function handleSessionRoute(
  route: string,
  req: Request,
  res: Response,
  config: SessionConfig,
): Promise<boolean> {
  const now = new Date();
  if (route === "/auth/session" && req.method === "POST") await createSession(req, res, config, now);
  else if (route === "/auth/session" && req.method === "DELETE") await deleteSession(req, res, config, now);
  else if (route === "/auth/me" && req.method === "GET") await me(req, res);
  else if (route === "/auth/session" || route === "/auth/me")
    fail(res, "METHOD_NOT_ALLOWED", `${req.method} is not allowed here`);
  else return false;
  return true;
}

async function createSession(req: Request, res: Response, config: SessionConfig, now: Date): Promise<void> {
  // A cross-site form cannot send JSON, and a cross-site script is stopped by the origin check.
  if (!req.is("application/json")) return fail(res, "INVALID_ARGUMENT", "send a JSON body");
  if (!isAllowedOrigin(req.get("origin"), config.allowedOrigins)) {
    return fail(res, "PERMISSION_DENIED", "this origin may not create sessions");
  }
  const body = createSessionBodySchema.safeParse(req.body);
  if (!body.success) return fail(res, "INVALID_ARGUMENT", formatZodError(body.error));

  let decoded: DecodedIdToken;
  try {
    decoded = await getAuth().verifyIdToken(body.data.idToken, true);
  } catch {
    return fail(res, "UNAUTHENTICATED", "the ID token is invalid, expired or revoked");
  }
  if (!isRecentSignIn(decoded.auth_time, now)) {
    return fail(
      res,
      "UNAUTHENTICATED",
      "sign in again: a session needs a sign-in from the last five minutes",
    );
  }
  const expiresInMs = config.sessionDays * 24 * 60 * 60 * 1000;
  const cookie = await getAuth().createSessionCookie(body.data.idToken, { expiresIn: expiresInMs });
  const actor = await auditSession("session.created", decoded, req, now);
  res.setHeader(
    "Set-Cookie",
    serializeCookie(SESSION_COOKIE, cookie, {
      maxAge: expiresInMs / 1000,
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/",
    }),
  );
  logger.info("session.created", { uid: actor.uid });
  res.status(200).json({
    uid: actor.uid,
    role: actor.role,
    org: actor.org ?? null,
    csrfToken: csrfTokenFor(cookie, config.csrfSecret),
    expiresAt: new Date(now.getTime() + expiresInMs).toISOString(),
  });
}

async function deleteSession(req: Request, res: Response, config: SessionConfig, now: Date): Promise<void> {
  const cookie = sessionCookieOf(req);
  if (!cookie) return fail(res, "UNAUTHENTICATED", "no session");
  if (!csrfTokenMatches(cookie, req.get("x-csrf-token"), config.csrfSecret)) {
    return fail(res, "PERMISSION_DENIED", "missing or wrong X-CSRF-Token header");
  }
  clearCookie(res);
  let decoded: DecodedIdToken;
  try {
    decoded = await getAuth().verifySessionCookie(cookie, true);
  } catch {
    // Already expired or revoked: the cookie is cleared, nothing else to do.
    res.status(204).end();
    return;
  }
  await revokeSessions(decoded.uid, "signedOut", now);
  const actor = await auditSession("session.revoked", decoded, req, now);
  logger.info("session.revoked", { uid: actor.uid });
  res.status(204).end();
}

async function me(req: Request, res: Response): Promise<void> {
  const cookie = sessionCookieOf(req);
  if (!cookie) return fail(res, "UNAUTHENTICATED", "no session");
  let decoded: DecodedIdToken;
  try {
    decoded = await getAuth().verifySessionCookie(cookie, true);
  } catch {
    clearCookie(res);
    return fail(res, "UNAUTHENTICATED", "the session is expired or was signed out");
  }
  const actor = actorFromClaims(decoded.uid, decoded);
  res.status(200).json({
    uid: actor.uid,
    role: actor.role,
    org: actor.org ?? null,
    pharmacy: actor.pharmacy ?? null,
    platformAdmin: actor.platform,
    email: decoded.email ?? null,
    phoneNumber: decoded.phone_number ?? null,
  });
}

async function auditSession(
  action: "session.created" | "session.revoked",
  decoded: DecodedIdToken,
  req: Request,
  now: Date,
) {
  const actor = actorFromClaims(decoded.uid, decoded);
  const origin = { ip: req.ip, userAgent: req.get("user-agent") };
  await createAuditEntry(
    { action, actor, org: actor.org ?? null, target: { type: "user", id: actor.uid }, origin },
    now,
  );
  return actor;
}

function sessionCookieOf(req: Request): string | undefined {
  const header = req.get("cookie");
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

function clearCookie(res: Response): void {
  res.setHeader(
    "Set-Cookie",
    serializeCookie(SESSION_COOKIE, "", {
      maxAge: 0,
      httpOnly: true,
      secure: true,
      sameSite: "strict",
      path: "/",
    }),
  );
}
