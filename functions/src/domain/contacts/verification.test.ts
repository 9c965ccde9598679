import { describe, expect, it } from "vitest";
import {
  codeMatches,
  decideConfirmation,
  formatCode,
  hashCode,
  phoneKey,
  type PendingCode,
} from "./verification";

const PHONE = "+919812345678";
const binding = { uid: "patient-1", phone: PHONE, code: "042917" };
const SALT = "c2FsdC1mb3ItdGVzdHM";
const NOW = Date.parse("2026-03-01T10:00:00Z");

const pending = (over: Partial<PendingCode> = {}): PendingCode => ({
  state: "pending",
  phoneKey: phoneKey(PHONE),
  codeHash: hashCode(binding, SALT),
  salt: SALT,
  attempts: 0,
  expiresAtMs: NOW + 10 * 60_000,
  ...over,
});

describe("codes", () => {
  it("keeps leading zeros and refuses what is not six digits", () => {
    expect(formatCode(42)).toBe("000042");
    expect(formatCode(999_999)).toBe("999999");
    for (const bad of [-1, 1_000_000, 1.5, Number.NaN]) expect(() => formatCode(bad)).toThrow(RangeError);
  });

  it("stores neither the code nor the number, and binds the hash to user, number and salt", () => {
    const hash = hashCode(binding, SALT);
    expect(hash).not.toContain(binding.code);
    expect(hash).not.toContain("9812345678");
    expect(codeMatches(binding, SALT, hash)).toBe(true);
    expect(codeMatches({ ...binding, code: "042918" }, SALT, hash)).toBe(false);
    expect(codeMatches({ ...binding, uid: "patient-2" }, SALT, hash)).toBe(false);
    expect(codeMatches({ ...binding, phone: "+919812345679" }, SALT, hash)).toBe(false);
    expect(codeMatches(binding, "another-salt", hash)).toBe(false);
    expect(codeMatches(binding, SALT, "short")).toBe(false);
  });

  it("names a number by a key that is not the number", () => {
    expect(phoneKey(PHONE)).toMatch(/^[0-9a-f]{32}$/);
    expect(phoneKey(PHONE)).toBe(phoneKey(PHONE));
    expect(phoneKey(PHONE)).not.toBe(phoneKey("+919812345679"));
  });
});

describe("decideConfirmation", () => {
  it("verifies the right code for the right number before it expires", () => {
    expect(decideConfirmation(pending(), binding, NOW, 5)).toEqual({ outcome: "verified" });
    expect(decideConfirmation(pending({ attempts: 4 }), binding, NOW, 5)).toEqual({ outcome: "verified" });
  });

  it("counts a wrong code, and the last try locks", () => {
    const wrong = { ...binding, code: "111111" };
    expect(decideConfirmation(pending(), wrong, NOW, 5)).toEqual({ outcome: "wrong", attempts: 1, left: 4 });
    expect(decideConfirmation(pending({ attempts: 3 }), wrong, NOW, 5)).toEqual({
      outcome: "wrong",
      attempts: 4,
      left: 1,
    });
    expect(decideConfirmation(pending({ attempts: 4 }), wrong, NOW, 5)).toEqual({
      outcome: "locked",
      attempts: 5,
    });
  });

  it("refuses even the right code once locked", () => {
    for (const p of [pending({ state: "locked", attempts: 5 }), pending({ attempts: 5 })])
      expect(decideConfirmation(p, binding, NOW, 5)).toMatchObject({
        outcome: "refused",
        code: "resource-exhausted",
      });
  });

  it("refuses without a code for this number, and an expired code, changing nothing", () => {
    expect(decideConfirmation(null, binding, NOW, 5)).toMatchObject({
      outcome: "refused",
      code: "failed-precondition",
    });
    expect(decideConfirmation(pending(), { ...binding, phone: "+919812345679" }, NOW, 5)).toMatchObject({
      outcome: "refused",
      code: "failed-precondition",
    });
    expect(decideConfirmation(pending(), binding, NOW + 10 * 60_000, 5)).toMatchObject({
      outcome: "refused",
      code: "failed-precondition",
      message: expect.stringContaining("expired"),
    });
  });
});
