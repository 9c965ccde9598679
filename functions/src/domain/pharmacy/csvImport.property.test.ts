import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStockCsv, type ParsedImport } from "./csvImport";

// Issue 13: every record of a stock file is applied or reported exactly once, numbered as a
// spreadsheet numbers it, and no medicine is applied while its id appears in the file anywhere
// but on its applied rows (where a row that was not applied could hide).

const TODAY = "2026-11-20";
/** No id is part of another, of a column name or of another cell. */
const IDS = ["med-aa-tab", "med-bb-tab", "med-cc-syr", "med-dd-inj"];
const known = (id: string) => IDS.includes(id);
const COLUMNS = ["medicine_id", "batch", "expiry", "quantity", "price", "low_stock_threshold", "notes"];

interface Line {
  medicine: number;
  good: boolean;
  notes: string;
}

/** Notes full of what CSV must quote: quotes, commas, every line end, white space, a BOM. */
const notes = fc.string({
  unit: fc.constantFrom('"', ",", "\n", "\r", "\r\n", " ", "\t", "\ufeff", "x", "é", "😀"),
  maxLength: 8,
});
const line: fc.Arbitrary<Line> = fc.record({
  medicine: fc.integer({ min: 0, max: IDS.length - 1 }),
  good: fc.boolean(),
  notes,
});
const layout = fc.record({
  columns: fc.shuffledSubarray(COLUMNS, { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
  quoted: fc.boolean(),
  record_delimiter: fc.constantFrom("unix", "windows", "mac"),
  bom: fc.boolean(),
  eof: fc.boolean(),
});

type Layout = typeof layout extends fc.Arbitrary<infer L> ? L : never;

function file(rows: Line[], options: Layout) {
  const cells = rows.map((r, i) => ({
    medicine_id: IDS[r.medicine],
    batch: `B${i}`,
    expiry: "2027-03",
    quantity: r.good ? String(i) : "x",
    price: `${r.medicine + 1}.50`,
    low_stock_threshold: "5",
    notes: r.notes,
  }));
  return stringify(cells, {
    header: true,
    columns: options.columns,
    quoted: options.quoted,
    record_delimiter: options.record_delimiter as "unix",
    // With a record_delimiter given, csv-stringify quotes only cells holding that one; RFC 4180
    // (and a spreadsheet) ends a line at any CR or LF outside quotes.
    quote_record_delimiter: true,
    bom: options.bom,
    eof: options.eof,
  });
}

/** Row → how many times the result accounts for it, applied or reported. */
function accounted(result: ParsedImport): Map<number, number> {
  const seen = new Map<number, number>();
  const add = (row: number) => seen.set(row, (seen.get(row) ?? 0) + 1);
  for (const item of result.items) item.rows.forEach(add);
  for (const error of result.errors) add(error.row);
  return seen;
}

describe("parseStockCsv on files written by csv-stringify", () => {
  it("applies or reports every row exactly once, numbered from 2, and applies a medicine only whole", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), layout, (rows, options) => {
        const result = parseStockCsv(file(rows, options), known, TODAY);
        const seen = accounted(result);
        expect([...seen.keys()].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 2));
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        expect(result.dataRows).toBe(rows.length);

        const whole = IDS.filter(
          (_, m) => rows.some((r) => r.medicine === m) && rows.every((r) => r.medicine !== m || r.good),
        );
        expect(result.items.map((i) => i.medicineId).sort()).toEqual([...whole].sort());
        for (const item of result.items) {
          const m = IDS.indexOf(item.medicineId);
          const expected = rows.flatMap((r, i) => (r.medicine === m ? [i] : []));
          expect(item.rows).toEqual(expected.map((i) => i + 2));
          expect(item.batches).toEqual(
            expected.map((i) => ({ batch: `B${i}`, expiry: "2027-03", quantity: i })),
          );
          expect(item.pricePaise).toBe((m + 1) * 100 + 50);
        }
        for (const [i, r] of rows.entries()) {
          const errors = result.errors.filter((e) => e.row === i + 2);
          if (!r.good) expect(errors.map((e) => e.column)).toEqual(["quantity"]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("parseStockCsv on damaged files", () => {
  const damage = fc.array(
    fc.oneof(
      fc.record({
        at: fc.nat(),
        insert: fc.constantFrom('"', '"', ",", "\n", "\r", "\r\n", "x", " "),
      }),
      fc.record({ at: fc.nat(), insert: fc.constant("") }),
    ),
    { minLength: 1, maxLength: 3 },
  );

  it("still accounts for each record once, and never applies a medicine that a row not applied names", () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 15 }),
        layout,
        damage,
        (rows, options, changes) => {
          let text = file(rows, options);
          const headerEnd = text.search(/[\r\n]/) + 1;
          for (const { at, insert } of changes) {
            // Damage the data rows only: a damaged header is refused whole (tested elsewhere).
            const span = text.length - headerEnd;
            if (span <= 0) break;
            const i = headerEnd + (at % span);
            text = insert ? text.slice(0, i) + insert + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
          }
          const result = parseStockCsv(text, known, TODAY);
          const seen = accounted(result);
          expect([...seen.values()].every((n) => n === 1)).toBe(true);
          expect(seen.size).toBe(result.dataRows);
          expect([...seen.keys()].every((row) => row >= 2)).toBe(true);

          // Safety: an applied medicine is named nowhere in the file but on its applied rows (a
          // row of it may hide where it is named: inside a quoted cell, in a row not applied).
          const words = text.toLowerCase().match(/[a-z0-9-]+/g) ?? [];
          for (const item of result.items) {
            const mentions = words.filter((w) => w === item.medicineId).length;
            expect(mentions, `${item.medicineId} in ${JSON.stringify(text)}`).toBe(item.rows.length);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
