import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verhoeffDigit, verhoeffValid } from "./checksums";

describe("Verhoeff check digits", () => {
  it("match published examples", () => {
    // Wikipedia's worked example: 236 → check digit 3; 2363 is valid.
    expect(verhoeffDigit("236")).toBe(3);
    expect(verhoeffValid("2363")).toBe(true);
    expect(verhoeffValid("2364")).toBe(false);
    expect(verhoeffDigit("12345")).toBe(1);
  });

  it("accept every number completed with its digit, and catch any single-digit error or adjacent swap", () => {
    const digits = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 16 })
      .map((d) => d.join(""));
    fc.assert(
      fc.property(digits, fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, delta) => {
        const full = body + String(verhoeffDigit(body));
        expect(verhoeffValid(full)).toBe(true);
        const i = at % full.length;
        const changed = full.slice(0, i) + String((Number(full[i]) + delta) % 10) + full.slice(i + 1);
        expect(verhoeffValid(changed)).toBe(false);
        const j = at % (full.length - 1);
        if (full[j] !== full[j + 1]) {
          const swapped = full.slice(0, j) + full[j + 1] + full[j] + full.slice(j + 2);
          expect(verhoeffValid(swapped)).toBe(false);
        }
      }),
    );
  });

  it("refuses what is not digits", () => {
    expect(verhoeffValid("")).toBe(false);
    expect(verhoeffValid("12a3")).toBe(false);
  });
});
