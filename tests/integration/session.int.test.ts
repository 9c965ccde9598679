import { afterAll, describe, expect, it } from "vitest";
import {
  FUNCTIONS_URL,
  HOSTING_URL,
  claimsOf,
  signUp,
  waitPastSecond,
  type Client,
} from "../../tools/emulator-client";
import { auditFor } from "./fixtures";

// Through Firebase Hosting, as a web client calls it: /api/** is rewritten to the api function.
const SESSION = `${HOSTING_URL}/api/auth/session`;
const ME = `${HOSTING_URL}/api/auth/me`;

const clients: Client[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.close())));

async function user(): Promise<Client> {
  const c = await signUp();
  clients.push(c);
  return c;
}

async function createSession(idToken: string, headers: Record<string, string> = {}) {
  return fetch(SESSION, {
    method: "POST",
    headers: { "content-type": "application/json", origin: HOSTING_URL, ...headers },
    body: JSON.stringify({ idToken }),
  });
}

async function signedInSession() {
  const c = await user();
  const res = await createSession(await c.user.getIdToken());
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string; uid: string; role: string; expiresAt: string };
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return { client: c, body, cookie, setCookie: res.headers.get("set-cookie") ?? "" };
}

describe("POST /api/auth/session", () => {
  it("exchanges a fresh ID token for an httpOnly, secure, SameSite=Strict session cookie", async () => {
    const { client, body, cookie, setCookie } = await signedInSession();
    expect(cookie).toMatch(/^__session=.+/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Max-Age=432000/);
    expect(body).toMatchObject({ uid: client.user.uid, role: "patient", org: null });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await auditFor(client.user.uid, "session.created")).toHaveLength(1);
  });

  it("refuses a body that is not JSON (a cross-site form)", async () => {
    const c = await user();
    const res = await fetch(SESSION, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `idToken=${await c.user.getIdToken()}`,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("refuses an origin that is not the web app's", async () => {
    const c = await user();
    const res = await createSession(await c.user.getIdToken(), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe("PERMISSION_DENIED");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a missing or forged ID token with a readable error", async () => {
    const missing = await fetch(SESSION, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("idToken:");
    const forged = await createSession("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    expect(forged.status).toBe(401);
    expect(forged.headers.get("set-cookie")).toBeNull();
  });
});

describe("GET /api/auth/me", () => {
  it("returns the user, role and organisation of the session", async () => {
    const { client, cookie } = await signedInSession();
    const res = await fetch(ME, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toEqual({
      uid: client.user.uid,
      role: "patient",
      org: null,
      pharmacy: null,
      platformAdmin: false,
      email: client.user.email,
      phoneNumber: null,
    });
  });

  it("refuses a request without a session, and a tampered cookie", async () => {
    expect((await fetch(ME)).status).toBe(401);
    const { cookie } = await signedInSession();
    expect((await fetch(ME, { headers: { cookie: `${cookie}x` } })).status).toBe(401);
  });
});

describe("DELETE /api/auth/session", () => {
  it("needs the CSRF token; with it, signs out, revokes the session and audits", async () => {
    const { client, body, cookie } = await signedInSession();
    await waitPastSecond(Number((await claimsOf(client)).auth_time));

    const withoutToken = await fetch(SESSION, { method: "DELETE", headers: { cookie } });
    expect(withoutToken.status).toBe(403);
    const wrongToken = await fetch(SESSION, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": `${body.csrfToken.slice(1)}A` },
    });
    expect(wrongToken.status).toBe(403);
    expect((await fetch(ME, { headers: { cookie } })).status).toBe(200);

    const signOut = await fetch(SESSION, {
      method: "DELETE",
      headers: { cookie, "x-csrf-token": body.csrfToken },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get("set-cookie")).toMatch(/^__session=; Max-Age=0/);
    expect((await fetch(ME, { headers: { cookie } })).status).toBe(401);
    expect(await auditFor(client.user.uid, "session.revoked")).toHaveLength(1);
  });

  it("a CSRF token of one session does not sign out another", async () => {
    const a = await signedInSession();
    const b = await signedInSession();
    const res = await fetch(SESSION, {
      method: "DELETE",
      headers: { cookie: b.cookie, "x-csrf-token": a.body.csrfToken },
    });
    expect(res.status).toBe(403);
    expect((await fetch(ME, { headers: { cookie: b.cookie } })).status).toBe(200);
  });
});

describe("routing", () => {
  it("answers 404 for an unknown path and 405 for a wrong method, also on the function's own URL", async () => {
    expect((await fetch(`${HOSTING_URL}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(ME, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${FUNCTIONS_URL}/api/api/auth/me`)).status).toBe(401);
  });
});
