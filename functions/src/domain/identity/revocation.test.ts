import { describe, expect, it } from "vitest";
import {
  afterDeletion,
  ID_TOKEN_LIFETIME_SECONDS,
  isRevoked,
  revocationExpiry,
  validFromSecond,
} from "./revocation";

describe("isRevoked", () => {
  const revocation = { at: 1_800_000_000 };
  it("refuses nothing without a revocation", () => {
    expect(isRevoked(0, null)).toBe(false);
  });
  it("refuses a token signed in before the second of the revocation", () => {
    expect(isRevoked(1_799_999_999, revocation)).toBe(true);
    expect(isRevoked(0, revocation)).toBe(true);
  });
  it("accepts a token signed in during that second or later, as Firebase Auth does", () => {
    expect(isRevoked(1_800_000_000, revocation)).toBe(false);
    expect(isRevoked(1_800_000_001, revocation)).toBe(false);
  });
  it("refuses a token without a usable auth_time", () => {
    for (const authTime of [undefined, null, "1800000001", Number.NaN]) {
      expect(isRevoked(authTime, revocation), String(authTime)).toBe(true);
    }
  });
});

describe("the seconds", () => {
  it("takes the whole second of Auth's tokensValidAfterTime", () => {
    expect(validFromSecond(new Date("2027-01-15T09:30:00.999Z"))).toBe(
      Date.parse("2027-01-15T09:30:00Z") / 1000,
    );
  });
  it("refuses, after a deletion, a token signed in during the second it finished", () => {
    const deletedAt = new Date("2027-01-15T09:30:00.250Z");
    const signedInThatSecond = Date.parse("2027-01-15T09:30:00Z") / 1000;
    expect(isRevoked(signedInThatSecond, { at: afterDeletion(deletedAt) })).toBe(true);
  });
  it("keeps a revocation longer than any token it refuses can live", () => {
    const at = 1_800_000_000;
    expect(revocationExpiry(at).getTime() / 1000).toBeGreaterThan(at + ID_TOKEN_LIFETIME_SECONDS);
  });
});
