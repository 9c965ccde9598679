import { describe, expect, it } from "vitest";
import { csrfTokenFor, csrfTokenMatches, isAllowedOrigin, isRecentSignIn } from "./csrf";

describe("CSRF tokens", () => {
  it("match only the cookie and secret they were made for", () => {
    const token = csrfTokenFor("cookie-a", "secret");
    expect(csrfTokenMatches("cookie-a", token, "secret")).toBe(true);
    expect(csrfTokenMatches("cookie-b", token, "secret")).toBe(false);
    expect(csrfTokenMatches("cookie-a", token, "other-secret")).toBe(false);
    expect(csrfTokenMatches("cookie-a", undefined, "secret")).toBe(false);
    expect(csrfTokenMatches("cookie-a", token.slice(1), "secret")).toBe(false);
  });
});

describe("isRecentSignIn", () => {
  const now = new Date("2026-11-20T10:05:00Z");
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  it("accepts a sign-in up to five minutes old", () => {
    expect(isRecentSignIn(seconds("2026-11-20T10:00:00Z"), now)).toBe(true);
  });
  it("refuses an older one", () => {
    expect(isRecentSignIn(seconds("2026-11-20T09:59:59Z"), now)).toBe(false);
  });
});

describe("isAllowedOrigin", () => {
  it("allows listed origins and same-origin requests without an Origin header", () => {
    expect(isAllowedOrigin("https://app.arogya.example", ["https://app.arogya.example"])).toBe(true);
    expect(isAllowedOrigin(undefined, ["https://app.arogya.example"])).toBe(true);
  });
  it("refuses others, including look-alike prefixes", () => {
    expect(isAllowedOrigin("https://app.arogya.example.evil.test", ["https://app.arogya.example"])).toBe(
      false,
    );
  });
});
