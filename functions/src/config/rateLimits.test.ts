import { describe, expect, it } from "vitest";
import { RATE_LIMITS, rateLimitsFor } from "./rateLimits";

describe("rateLimitsFor", () => {
  it("gives the configured limits in production, whatever RATE_LIMIT_SCALE says", () => {
    expect(rateLimitsFor("booking", { RATE_LIMIT_SCALE: "1000" })).toEqual(RATE_LIMITS.booking);
    expect(rateLimitsFor("booking", {})).toEqual({
      user: { limit: 10, windowSeconds: 3600 },
      org: { limit: 500, windowSeconds: 3600 },
    });
  });

  it("multiplies every limit by RATE_LIMIT_SCALE in the Functions emulator, windows unchanged", () => {
    const env = { FUNCTIONS_EMULATOR: "true", RATE_LIMIT_SCALE: "100" };
    expect(rateLimitsFor("export", env)).toEqual({
      user: { limit: 300, windowSeconds: 86_400 },
      org: { limit: 10_000, windowSeconds: 86_400 },
    });
  });

  it("scales the per-number limit of an action that has one, like the others", () => {
    const env = { FUNCTIONS_EMULATOR: "true", RATE_LIMIT_SCALE: "100" };
    expect(rateLimitsFor("phoneVerification", {})).toEqual({
      user: { limit: 5, windowSeconds: 3600 },
      org: { limit: 200, windowSeconds: 3600 },
      number: { limit: 10, windowSeconds: 86_400 },
    });
    expect(rateLimitsFor("phoneVerification", env).number).toEqual({ limit: 1000, windowSeconds: 86_400 });
  });

  it("limits every callable that makes the platform send a message", () => {
    for (const action of ["booking", "reschedule", "cancel", "prescription", "phoneVerification"] as const) {
      const limits = rateLimitsFor(action, {});
      expect(limits.user.limit, action).toBeGreaterThan(0);
      expect(limits.user.limit, action).toBeLessThanOrEqual(60);
    }
    expect(rateLimitsFor("reschedule", {}).user).toEqual({ limit: 10, windowSeconds: 86_400 });
  });

  it("ignores a scale that is not a positive number", () => {
    for (const RATE_LIMIT_SCALE of ["", "0", "-3", "lots"]) {
      expect(rateLimitsFor("upload", { FUNCTIONS_EMULATOR: "true", RATE_LIMIT_SCALE })).toEqual(
        RATE_LIMITS.upload,
      );
    }
  });
});
