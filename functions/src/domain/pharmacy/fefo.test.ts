import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateFefo } from "./fefo";
import { isExpired, lastSaleDay } from "./stock";

const TODAY = "2026-11-29";
const batches = [
  { batch: "B-LATE", expiry: "2027-06", quantity: 10 },
  { batch: "B-OLD", expiry: "2026-10", quantity: 50 }, // expired
  { batch: "B-SOON", expiry: "2026-12", quantity: 4 },
  { batch: "B-MID", expiry: "2027-01-15", quantity: 3 },
];

describe("FEFO allocation", () => {
  it("draws the earliest expiry first and never an expired batch", () => {
    const a = allocateFefo(batches, 9, TODAY);
    expect(a).toMatchObject({
      ok: true,
      draws: [
        { batch: "B-SOON", quantity: 4 },
        { batch: "B-MID", quantity: 3 },
        { batch: "B-LATE", quantity: 2 },
      ],
    });
    if (a.ok) expect(a.batches.find((b) => b.batch === "B-OLD")!.quantity).toBe(50);
  });

  it("refuses more than the unexpired, unreserved units, saying how many there are", () => {
    expect(allocateFefo(batches, 18, TODAY)).toEqual({ ok: false, available: 17 });
    expect(allocateFefo(batches, 15, TODAY, 5)).toEqual({ ok: false, available: 12 });
  });

  it("takes exactly the quantity, from live batches, in expiry order (property)", () => {
    const batch = fc.record({
      batch: fc.string({ minLength: 1, maxLength: 4 }),
      expiry: fc.constantFrom("2026-10", "2026-11", "2026-12-01", "2027-01", "2027-06-30"),
      quantity: fc.nat(20),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(batch, { selector: (b) => b.batch, maxLength: 6 }),
        fc.integer({ min: 1, max: 60 }),
        (bs, q) => {
          const a = allocateFefo(bs, q, TODAY);
          const live = bs.filter((b) => !isExpired(b, TODAY)).reduce((s, b) => s + b.quantity, 0);
          if (!a.ok) {
            expect(a.available).toBe(live);
            expect(live).toBeLessThan(q);
            return;
          }
          expect(a.draws.reduce((s, d) => s + d.quantity, 0)).toBe(q);
          for (const d of a.draws) expect(isExpired(d, TODAY)).toBe(false);
          const days = a.draws.map((d) => lastSaleDay(d.expiry));
          expect([...days].sort()).toEqual(days);
          // every batch before the last one drawn is emptied
          for (const d of a.draws.slice(0, -1))
            expect(a.batches.find((b) => b.batch === d.batch)!.quantity).toBe(0);
          expect(a.batches.every((b) => b.quantity >= 0)).toBe(true);
        },
      ),
    );
  });
});
