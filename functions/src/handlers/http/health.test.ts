import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HealthCheckFailure, dependencyChecks, runHealthChecks } from "./health";

// The aggregation and the configuration checks; Firestore and Storage are exercised through the
// emulators in tests/integration/health.int.test.ts.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("runHealthChecks", () => {
  it("is ok when every check passes, with each one's time", async () => {
    const report = await runHealthChecks({ a: () => undefined, b: async () => "anything" });
    expect(report).toEqual({
      status: "ok",
      checks: { a: { status: "ok", ms: expect.any(Number) }, b: { status: "ok", ms: expect.any(Number) } },
    });
    expect(report).not.toHaveProperty("failing");
  });

  it("fails a check that does not answer within the timeout, without waiting for it", async () => {
    const pending = runHealthChecks({ hangs: () => new Promise(() => {}), quick: () => undefined }, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    const report = await pending;
    expect(report.status).toBe("fail");
    expect(report.failing).toEqual(["hangs"]);
    expect(report.checks.hangs).toMatchObject({ status: "fail", reason: "timeout" });
    expect(report.checks.quick.status).toBe("ok");
  });

  it("reports a thrown error by its code only, never its message", async () => {
    const leaky = Object.assign(
      new Error("could not reach projects/demo-arogya/databases/(default) as sa@demo.iam"),
      { code: 14 },
    );
    const report = await runHealthChecks({
      sync: () => {
        throw leaky;
      },
      async: async () => {
        throw new Error("secret-value-123");
      },
      shown: () => {
        throw new HealthCheckFailure("bucket not found");
      },
    });
    expect(report.failing).toEqual(["sync", "async", "shown"]);
    expect(report.checks.sync).toMatchObject({ reason: "error (14)" });
    expect(report.checks.async).toMatchObject({ reason: "error" });
    expect(report.checks.shown).toMatchObject({ reason: "bucket not found" });
    expect(JSON.stringify(report)).not.toMatch(/demo-arogya|secret-value|iam/);
  });
});

describe("dependencyChecks: configuration", () => {
  const key = generateKeyPairSync("ed25519")
    .privateKey.export({ format: "der", type: "pkcs8" })
    .toString("base64");
  const twilio = { TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "tok", TWILIO_SMS_FROM: "+15005550006" };

  it("passes with Twilio settings present and an Ed25519 signing key", async () => {
    const { twilio: t, rxSigningKey } = dependencyChecks({ twilio: () => twilio, rxSigningKey: () => key });
    const report = await runHealthChecks({ twilio: t, rxSigningKey });
    expect(report.status).toBe("ok");
  });

  it("names the missing Twilio settings, and shows no value of the others", async () => {
    const { twilio: t } = dependencyChecks({
      twilio: () => ({ ...twilio, TWILIO_SMS_FROM: " ", TWILIO_AUTH_TOKEN: undefined }),
      rxSigningKey: () => key,
    });
    const report = await runHealthChecks({ twilio: t });
    expect(report.checks.twilio).toMatchObject({
      status: "fail",
      reason: "missing TWILIO_AUTH_TOKEN, TWILIO_SMS_FROM",
    });
    expect(JSON.stringify(report)).not.toContain("AC123");
  });

  it("fails a signing key that is missing or not Ed25519, without showing it", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ format: "der", type: "pkcs8" })
      .toString("base64");
    for (const secret of ["", "not-a-key", rsa]) {
      const { rxSigningKey } = dependencyChecks({ twilio: () => twilio, rxSigningKey: () => secret });
      const report = await runHealthChecks({ rxSigningKey });
      expect(report.checks.rxSigningKey).toMatchObject({ status: "fail", reason: "does not load" });
      if (secret) expect(JSON.stringify(report)).not.toContain(secret.slice(0, 20));
    }
  });
});
