import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BatchInput } from "../../schemas/pharmacy";
import {
  buildInventoryDoc,
  buildPublicStockDoc,
  endOfDay,
  isExpired,
  isInStockOn,
  lastSaleDay,
  paiseFromInr,
  sameStock,
  sortedBatches,
  stockLevel,
  type StockItem,
} from "./stock";

const TODAY = "2026-11-20";
const NOW = new Date("2026-11-20T06:00:00Z");
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("lastSaleDay", () => {
  it("reads a month expiry as valid through the month's last day", () => {
    expect(lastSaleDay("2027-01")).toBe("2027-01-31");
    expect(lastSaleDay("2027-03")).toBe("2027-03-31");
    expect(lastSaleDay("2027-04")).toBe("2027-04-30");
    expect(lastSaleDay("2027-09")).toBe("2027-09-30");
    expect(lastSaleDay("2027-12")).toBe("2027-12-31");
  });

  it("knows February in leap and non-leap years, centuries included", () => {
    expect(lastSaleDay("2027-02")).toBe("2027-02-28");
    expect(lastSaleDay("2028-02")).toBe("2028-02-29");
    expect(lastSaleDay("2100-02")).toBe("2100-02-28");
    expect(lastSaleDay("2000-02")).toBe("2000-02-29");
  });

  it("keeps a day expiry as it is", () => {
    expect(lastSaleDay("2027-03-15")).toBe("2027-03-15");
    expect(lastSaleDay("2028-02-29")).toBe("2028-02-29");
  });
});

describe("isExpired", () => {
  it("counts a batch through its last sale day", () => {
    expect(isExpired({ expiry: "2026-11" }, "2026-11-30")).toBe(false);
    expect(isExpired({ expiry: "2026-11" }, "2026-12-01")).toBe(true);
    expect(isExpired({ expiry: "2026-11-20" }, "2026-11-20")).toBe(false);
    expect(isExpired({ expiry: "2026-11-19" }, "2026-11-20")).toBe(true);
  });
});

describe("stockLevel", () => {
  const batch = (b: string, expiry: string, quantity: number): BatchInput => ({ batch: b, expiry, quantity });
  /** The level on TODAY of these batches under this threshold. */
  const levelOf = (lowStockThreshold: number, ...batches: BatchInput[]) =>
    stockLevel({ lowStockThreshold, batches }, TODAY);
  const OUT = { quantity: 0, state: "out", changesAfter: null, inStockUntil: null };

  it("counts only unexpired batches and reports when the level changes and how long stock lasts", () => {
    expect(
      levelOf(
        10,
        batch("A", "2027-03", 30),
        batch("B", "2026-12", 20),
        batch("OLD", "2026-10", 100),
        batch("C", "2027-01-15", 5),
      ),
    ).toEqual({ quantity: 55, state: "in_stock", changesAfter: "2026-12-31", inStockUntil: "2027-03-31" });
  });

  it("counts a batch expiring today but not one that expired yesterday", () => {
    expect(levelOf(0, batch("A", TODAY, 7))).toEqual({
      quantity: 7,
      state: "in_stock",
      changesAfter: TODAY,
      inStockUntil: TODAY,
    });
    expect(levelOf(0, batch("A", "2026-11-19", 7))).toEqual(OUT);
  });

  it("is low at the threshold, in stock above it and out at zero", () => {
    const at = (quantity: number, lowStockThreshold: number) =>
      levelOf(lowStockThreshold, batch("A", "2027-03", quantity)).state;
    expect(at(51, 50)).toBe("in_stock");
    expect(at(50, 50)).toBe("low");
    expect(at(1, 50)).toBe("low");
    expect(at(0, 50)).toBe("out");
    expect(at(1, 0)).toBe("in_stock");
    expect(at(0, 0)).toBe("out");
  });

  it("sums batches before comparing with the threshold", () => {
    expect(levelOf(50, batch("A", "2027-03", 30), batch("B", "2027-04", 20)).state).toBe("low");
    expect(levelOf(50, batch("A", "2027-03", 30), batch("B", "2027-04", 21)).state).toBe("in_stock");
  });

  it("ignores batches with no units for changesAfter and inStockUntil", () => {
    expect(
      levelOf(
        5,
        batch("EMPTY-SOON", "2026-11-25", 0),
        batch("A", "2027-03", 12),
        batch("EMPTY-LATE", "2029-01", 0),
      ),
    ).toEqual({ quantity: 12, state: "in_stock", changesAfter: "2027-03-31", inStockUntil: "2027-03-31" });
    expect(levelOf(5, batch("EMPTY", "2029-01", 0))).toEqual(OUT);
  });

  it("is out with no batches", () => {
    expect(levelOf(5)).toEqual(OUT);
  });
});

describe("endOfDay", () => {
  it("is the midnight after the day in the pharmacy's zone", () => {
    expect(endOfDay("2026-11-20", "Asia/Kolkata").toISOString()).toBe("2026-11-20T18:30:00.000Z");
    expect(endOfDay("2026-12-31", "Asia/Kathmandu").toISOString()).toBe("2026-12-31T18:15:00.000Z");
  });

  it("follows DST: a 23-hour day in London and a day whose midnight is skipped in Santiago", () => {
    expect(endOfDay("2026-03-28", "Europe/London").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(endOfDay("2026-03-29", "Europe/London").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    // Chile moves from 24:00 to 01:00 on 5/6 September 2026: the next day starts at 01:00 -03.
    expect(endOfDay("2026-09-05", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("isInStockOn", () => {
  it("is in stock through inStockUntil and not after", () => {
    expect(isInStockOn({ inStockUntil: "2027-03-31" }, "2026-11-20")).toBe(true);
    expect(isInStockOn({ inStockUntil: "2027-03-31" }, "2027-03-31")).toBe(true);
    expect(isInStockOn({ inStockUntil: "2027-03-31" }, "2027-04-01")).toBe(false);
    expect(isInStockOn({ inStockUntil: null }, "2026-11-20")).toBe(false);
  });
});

describe("paiseFromInr", () => {
  it("rounds away floating-point noise", () => {
    expect(paiseFromInr(1.2)).toBe(120);
    expect(paiseFromInr(0.29)).toBe(29); // 0.29 * 100 is 28.999999999999996
    expect(paiseFromInr(1.15)).toBe(115); // 1.15 * 100 is 114.99999999999999
    expect(paiseFromInr(85)).toBe(8500);
    expect(paiseFromInr(0)).toBe(0);
  });
});

const item = (overrides: Partial<StockItem> = {}): StockItem => ({
  medicineId: "paracetamol-500mg-tablet",
  pricePaise: 120,
  lowStockThreshold: 50,
  batches: [
    { batch: "B2291", expiry: "2027-03", quantity: 240 },
    { batch: "A17", expiry: "2026-12-31", quantity: 30 },
    { batch: "C3", expiry: "2028-01", quantity: 0 },
  ],
  ...overrides,
});

describe("sortedBatches and sameStock", () => {
  it("orders batches by batch number and keeps only batch, expiry and quantity", () => {
    const extra = [
      { batch: "B", expiry: "2027-03", quantity: 1, note: "x" } as BatchInput,
      { batch: "A", expiry: "2027-04", quantity: 2 },
    ];
    expect(sortedBatches(extra)).toEqual([
      { batch: "A", expiry: "2027-04", quantity: 2 },
      { batch: "B", expiry: "2027-03", quantity: 1 },
    ]);
    expect(extra[0].batch).toBe("B");
  });

  it("ignores batch order", () => {
    expect(sameStock(item(), item({ batches: [...item().batches].reverse() }))).toBe(true);
  });

  it("sees a change of quantity, expiry, batch number, batch count, price or threshold", () => {
    const base = item();
    const withBatch = (i: number, change: Partial<BatchInput>) =>
      item({ batches: base.batches.map((b, j) => (j === i ? { ...b, ...change } : b)) });
    expect(sameStock(base, withBatch(1, { quantity: 29 }))).toBe(false);
    expect(sameStock(base, withBatch(1, { expiry: "2027-01" }))).toBe(false);
    expect(sameStock(base, withBatch(1, { expiry: "2026-12" }))).toBe(false); // the same last day, written differently
    expect(sameStock(base, withBatch(0, { batch: "B2292" }))).toBe(false);
    expect(sameStock(base, item({ batches: base.batches.slice(0, 2) }))).toBe(false);
    expect(sameStock(item({ batches: base.batches.slice(0, 2) }), base)).toBe(false);
    expect(sameStock(base, item({ pricePaise: 121 }))).toBe(false);
    expect(sameStock(base, item({ lowStockThreshold: 49 }))).toBe(false);
  });
});

describe("buildInventoryDoc and buildPublicStockDoc", () => {
  it("writes the private document with sorted batches, quantity and state", () => {
    expect(buildInventoryDoc("ph1", item(), TODAY, NOW, "Asia/Kolkata")).toEqual({
      pharmacyId: "ph1",
      medicineId: "paracetamol-500mg-tablet",
      batches: [
        { batch: "A17", expiry: "2026-12-31", quantity: 30 },
        { batch: "B2291", expiry: "2027-03", quantity: 240 },
        { batch: "C3", expiry: "2028-01", quantity: 0 },
      ],
      pricePaise: 120,
      lowStockThreshold: 50,
      quantity: 270,
      state: "in_stock",
      changesAfter: "2026-12-31",
      changesAt: new Date("2026-12-31T18:30:00.000Z"), // midnight after 31 December in Kolkata
      timezone: "Asia/Kolkata",
      stateAsOf: TODAY,
      updatedAt: NOW,
    });
  });

  it("has no recompute time when no batch with units expires", () => {
    const doc = buildInventoryDoc(
      "ph1",
      item({ batches: [{ batch: "C3", expiry: "2028-01", quantity: 0 }] }),
      TODAY,
      NOW,
      "Asia/Kolkata",
    );
    expect(doc).toMatchObject({ quantity: 0, state: "out", changesAfter: null, changesAt: null });
  });

  it("shows the public only whether it is in stock, through when, and the price", () => {
    expect(buildPublicStockDoc("ph1", item(), TODAY, NOW)).toEqual({
      pharmacyId: "ph1",
      medicineId: "paracetamol-500mg-tablet",
      inStock: true,
      inStockUntil: "2027-03-31",
      pricePaise: 120,
      updatedAt: NOW,
    });
    expect(
      buildPublicStockDoc(
        "ph1",
        item({ batches: [{ batch: "C3", expiry: "2028-01", quantity: 0 }] }),
        TODAY,
        NOW,
      ),
    ).toMatchObject({ inStock: false, inStockUntil: null });
  });
});

const dayArb = fc.integer({ min: 0, max: 4 * 366 }).map((n) => addDays("2025-01-01", n));
const expiryArb = fc.oneof(
  fc
    .record({ y: fc.integer({ min: 2025, max: 2028 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`),
  dayArb,
);
const batchesArb = fc.uniqueArray(
  fc.record({
    batch: fc.stringMatching(/^[A-Z0-9]{1,4}$/),
    expiry: expiryArb,
    quantity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })),
  }),
  { maxLength: 6, selector: (b) => b.batch },
);
const itemArb = fc
  .record({
    batches: batchesArb,
    pricePaise: fc.nat({ max: 100_000 }),
    lowStockThreshold: fc.nat({ max: 100 }),
  })
  .map((i) => ({ medicineId: "m1", ...i }));

describe("stock properties", () => {
  it("the public inStockUntil answers 'in stock on day d' for every day from the build day onward", () => {
    fc.assert(
      fc.property(
        itemArb,
        dayArb,
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 1, maxLength: 20 }),
        (stock, buildDay, offsets) => {
          const doc = buildPublicStockDoc("ph1", stock, buildDay, NOW);
          expect(doc.inStock).toBe(stockLevel(stock, buildDay).quantity > 0);
          for (const day of [buildDay, ...offsets.map((n) => addDays(buildDay, n))]) {
            expect(isInStockOn(doc, day)).toBe(stockLevel(stock, day).quantity > 0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the quantity holds through changesAfter and drops the day after", () => {
    fc.assert(
      fc.property(itemArb, dayArb, (stock, today) => {
        const level = stockLevel(stock, today);
        if (level.changesAfter === null) {
          expect(level.quantity).toBe(0);
          return;
        }
        expect(level.changesAfter >= today).toBe(true);
        for (let day = today; day <= level.changesAfter; day = addDays(day, 1))
          expect(stockLevel(stock, day).quantity).toBe(level.quantity);
        expect(stockLevel(stock, addDays(level.changesAfter, 1)).quantity).toBeLessThan(level.quantity);
      }),
      { numRuns: 100 },
    );
  });

  it("sameStock holds for any reordering of the batches and the inventory document does not depend on the order", () => {
    const pairArb = itemArb.chain((stock) =>
      fc
        .shuffledSubarray(stock.batches, { minLength: stock.batches.length })
        .map((batches) => ({ stock, shuffled: { ...stock, batches } })),
    );
    fc.assert(
      fc.property(pairArb, dayArb, ({ stock, shuffled }, day) => {
        expect(sameStock(stock, shuffled)).toBe(true);
        expect(buildInventoryDoc("ph1", shuffled, day, NOW, "Asia/Kolkata")).toEqual(
          buildInventoryDoc("ph1", stock, day, NOW, "Asia/Kolkata"),
        );
      }),
    );
  });
});
