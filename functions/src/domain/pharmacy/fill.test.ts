import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankForFilling, type FillCandidate, type FillOption } from "./fill";

const PARA = "paracetamol-500mg-tablet";
const AMOX = "amoxicillin-250mg5ml-suspension";
const CETI = "cetirizine-10mg-tablet";
const ORS = "ors-20-5g-sachet";
const candidate = (id: string, distanceKm: number, stock: Record<string, number>): FillCandidate => ({
  id,
  distanceKm,
  inStock: new Map(Object.entries(stock)),
});

describe("rankForFilling", () => {
  const candidates = [
    candidate("far-complete", 3, { [CETI]: 250, [PARA]: 120, [AMOX]: 8500 }),
    candidate("near-two", 1, { [PARA]: 110, [AMOX]: 9000 }),
    candidate("nearest-one", 0.5, { [CETI]: 300 }),
    candidate("mid-complete", 2, { [PARA]: 130, [AMOX]: 8000, [CETI]: 200, [ORS]: 2000 }),
    candidate("none", 0.2, { [ORS]: 2000 }),
    candidate("also-near-two", 1, { [AMOX]: 8800, [CETI]: 220 }),
  ];
  const ranked = rankForFilling(candidates, [PARA, AMOX, CETI]);

  it("puts complete pharmacies first, nearest first, then partial ones by more items, then nearer, then id", () => {
    expect(ranked.map((o) => o.id)).toEqual([
      "mid-complete",
      "far-complete",
      "also-near-two",
      "near-two",
      "nearest-one",
    ]);
  });

  it("leaves out pharmacies with none of the items", () => {
    expect(ranked.map((o) => o.id)).not.toContain("none");
    expect(rankForFilling([candidate("none", 0.2, { [ORS]: 2000 })], [PARA])).toEqual([]);
  });

  it("lists what is available and missing in the prescription's order and sums the unit prices of what is available", () => {
    expect(ranked).toEqual<FillOption[]>([
      {
        id: "mid-complete",
        distanceKm: 2,
        complete: true,
        available: [PARA, AMOX, CETI],
        missing: [],
        unitPriceTotalPaise: 8330,
      },
      {
        id: "far-complete",
        distanceKm: 3,
        complete: true,
        available: [PARA, AMOX, CETI],
        missing: [],
        unitPriceTotalPaise: 8870,
      },
      {
        id: "also-near-two",
        distanceKm: 1,
        complete: false,
        available: [AMOX, CETI],
        missing: [PARA],
        unitPriceTotalPaise: 9020,
      },
      {
        id: "near-two",
        distanceKm: 1,
        complete: false,
        available: [PARA, AMOX],
        missing: [CETI],
        unitPriceTotalPaise: 9110,
      },
      {
        id: "nearest-one",
        distanceKm: 0.5,
        complete: false,
        available: [CETI],
        missing: [PARA, AMOX],
        unitPriceTotalPaise: 300,
      },
    ]);
  });

  it("counts a free item (price 0) as available", () => {
    expect(rankForFilling([candidate("jan-aushadhi", 1, { [ORS]: 0 })], [ORS])).toEqual([
      {
        id: "jan-aushadhi",
        distanceKm: 1,
        complete: true,
        available: [ORS],
        missing: [],
        unitPriceTotalPaise: 0,
      },
    ]);
  });

  it("returns nothing for no candidates and leaves the input alone", () => {
    expect(rankForFilling([], [PARA])).toEqual([]);
    const input = [candidate("b", 2, { [PARA]: 1 }), candidate("a", 1, { [PARA]: 1 })];
    expect(rankForFilling(input, [PARA]).map((o) => o.id)).toEqual(["a", "b"]);
    expect(input.map((c) => c.id)).toEqual(["b", "a"]);
  });
});

const MEDICINES = ["m1", "m2", "m3", "m4", "m5"];
const candidatesArb = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-z]{1,3}$/),
    distanceKm: fc.constantFrom(0.5, 1, 1.5, 2, 7.25),
    stock: fc.dictionary(fc.constantFrom(...MEDICINES, "other"), fc.nat({ max: 10_000 }), { maxKeys: 6 }),
  }),
  { maxLength: 12, selector: (c) => c.id },
);

describe("rankForFilling properties", () => {
  it("keeps exactly the pharmacies with an item, splits the list into available and missing, and orders complete, items, distance, id", () => {
    fc.assert(
      fc.property(candidatesArb, fc.shuffledSubarray(MEDICINES, { minLength: 1 }), (specs, wanted) => {
        const candidates = specs.map((s) => candidate(s.id, s.distanceKm, s.stock));
        const ranked = rankForFilling(candidates, wanted);
        const withSome = candidates.filter((c) => wanted.some((m) => c.inStock.has(m))).map((c) => c.id);
        expect(ranked.map((o) => o.id).sort()).toEqual(withSome.sort());
        for (const o of ranked) {
          const stock = candidates.find((c) => c.id === o.id)!.inStock;
          expect(o.available).toEqual(wanted.filter((m) => stock.has(m)));
          expect(o.missing).toEqual(wanted.filter((m) => !stock.has(m)));
          expect(o.complete).toBe(o.missing.length === 0);
          expect(o.unitPriceTotalPaise).toBe(o.available.reduce((sum, m) => sum + stock.get(m)!, 0));
        }
        for (let i = 1; i < ranked.length; i += 1) {
          const [a, b] = [ranked[i - 1], ranked[i]];
          const key = (o: FillOption) => [o.complete ? 0 : 1, -o.available.length, o.distanceKm] as const;
          const [ka, kb] = [key(a), key(b)];
          const cmp = ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.id.localeCompare(b.id);
          expect(cmp).toBeLessThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
