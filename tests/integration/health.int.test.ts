import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FUNCTIONS_URL, HOSTING_URL } from "../../tools/emulator-client";

// GET /api/health through Firebase Hosting, as a load balancer or uptime probe calls it: the
// api function reads Firestore, asks fake-gcs-server for the bucket, checks the Twilio settings
// and loads the prescription signing key.
const HEALTH = `${HOSTING_URL}/api/health`;
const CHECKS = ["firestore", "storage", "twilio", "rxSigningKey"];

/** The emulator's secret values (functions/.secret.local), none of which may be in an answer. */
function secretValues(): string[] {
  const file = fileURLToPath(new URL("../../functions/.secret.local", import.meta.url));
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.slice(line.indexOf("=") + 1).trim())
    .filter((value) => value.length >= 8);
}

describe("GET /api/health", () => {
  it("answers 200 ok with every dependency checked and timed", async () => {
    const res = await fetch(HEALTH);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = (await res.json()) as {
      status: string;
      checks: Record<string, { status: string; ms: number }>;
      failing?: string[];
    };
    expect(body.status).toBe("ok");
    expect(body.failing).toBeUndefined();
    expect(Object.keys(body.checks).sort()).toEqual([...CHECKS].sort());
    for (const name of CHECKS) {
      expect(body.checks[name].status).toBe("ok");
      expect(body.checks[name].ms).toBeGreaterThanOrEqual(0);
    }
  });

  it("shows no secret, bucket or project name", async () => {
    const text = await (await fetch(HEALTH)).text();
    for (const secret of secretValues()) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/appspot|demo-arogya|127\.0\.0\.1/);
  });

  it("needs no sign-in and answers the function's own URL too (no /api prefix there)", async () => {
    const res = await fetch(`${FUNCTIONS_URL}/api/health`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("ok");
  });

  it("answers HEAD with the status alone", async () => {
    const res = await fetch(HEALTH, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("is read-only: POST is not a route", async () => {
    const res = await fetch(HEALTH, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(404);
  });
});
