import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CROCKFORD, formatShortCode, parseShortCode, shortCodeFrom } from "./shortCode";

const bytes = fc.uint8Array({ minLength: 5, maxLength: 5 });
const symbol = fc.constantFrom(...CROCKFORD);

describe("prescription short codes", () => {
  it("are nine unambiguous symbols that parse back, formatted or typed loosely", () => {
    fc.assert(
      fc.property(bytes, (random) => {
        const code = shortCodeFrom(random);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
        expect(parseShortCode(code)).toBe(code);
        expect(parseShortCode(formatShortCode(code))).toBe(code);
        expect(parseShortCode(` ${formatShortCode(code).toLowerCase()} `)).toBe(code);
        expect(parseShortCode(code.replace(/1/g, "l").replace(/0/g, "o"))).toBe(code);
      }),
    );
  });

  it("refuse any single mistyped symbol", () => {
    fc.assert(
      fc.property(bytes, fc.nat(8), symbol, (random, at, typed) => {
        const code = shortCodeFrom(random);
        fc.pre(code[at] !== typed);
        expect(parseShortCode(code.slice(0, at) + typed + code.slice(at + 1))).toBeNull();
      }),
    );
  });

  it("refuse most swaps of neighbours", () => {
    let caught = 0;
    let swaps = 0;
    fc.assert(
      fc.property(bytes, fc.nat(7), (random, at) => {
        const code = shortCodeFrom(random);
        fc.pre(code[at] !== code[at + 1]);
        swaps += 1;
        if (parseShortCode(code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2)) === null)
          caught += 1;
      }),
      { numRuns: 500 },
    );
    // Luhn mod N misses only swaps of the pair (0, N-1)-like values: a handful out of 500.
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it("refuse what cannot be a code", () => {
    for (const bad of [
      "",
      "ABC-DEF-GH",
      "ABC-DEF-GHJK",
      "ABC-DEF-GHU",
      "UUU-UUU-UUU",
      "<script>",
      42,
      null,
    ]) {
      expect(parseShortCode(bad)).toBeNull();
    }
    expect(parseShortCode("x".repeat(1000))).toBeNull();
  });
});
