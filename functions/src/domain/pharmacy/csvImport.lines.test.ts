import { describe, expect, it } from "vitest";
import { CsvFileError, parseStockCsv, type ParsedImport } from "./csvImport";

// Issue 13, "CSV import accounts for every line": every record of the file is applied or
// reported exactly once, numbered as a spreadsheet numbers it (the header is row 1, a quoted
// cell with line breaks adds no row), and a medicine with any unreadable or rejected row is
// held back whole. The cases are those of RFC 4180 and of csv-parse's own suite
// (option.skip_records_with_error, option.relax_quotes, option.ltrim, info.lines).

const TODAY = "2026-11-20";
const PARA = "paracetamol-500mg-tablet";
const AMOX = "amoxicillin-250mg5ml-suspension";
const CETI = "cetirizine-10mg-tablet";
const MASTER = new Set([PARA, AMOX, CETI]);
const HEADER = "medicine_id,batch,expiry,quantity,price,low_stock_threshold";
const parse = (text: string) => parseStockCsv(text, (id) => MASTER.has(id), TODAY);
const lines = (...l: string[]) => `${l.join("\n")}\n`;

const para = (batch: string) => `${PARA},${batch},2027-03,240,1.20,50`;
const amox = (batch: string) => `${AMOX},${batch},2027-03,7,85,5`;
const ceti = (batch: string) => `${CETI},${batch},2027-03,5,2.00,1`;

/** Each row's fate: "applied <medicine>" or "<column>: <reason>", by row number. */
function fates(result: ParsedImport): Record<number, string> {
  const out: Record<number, string> = {};
  const put = (row: number, fate: string) => {
    expect(out[row], `row ${row} is accounted for twice: ${out[row]} / ${fate}`).toBeUndefined();
    out[row] = fate;
  };
  for (const item of result.items) for (const row of item.rows) put(row, `applied ${item.medicineId}`);
  for (const e of result.errors) put(e.row, `${e.column}: ${e.reason}`);
  expect(Object.keys(out)).toHaveLength(result.dataRows);
  return out;
}

const held = (row: number, id: string) =>
  `medicine_id: not applied: row ${row} of ${id} was rejected, and a medicine's rows are applied together`;
const named = (row: number, id: string) =>
  `medicine_id: not applied: row ${row} names ${id} in text that cannot be read as one of its rows, and a medicine's rows are applied together`;
const csvError = (kind: string) => expect.stringMatching(new RegExp(`^: cannot be read as CSV: ${kind}`));

describe("line endings, blank lines, byte-order mark (RFC 4180 §2.1, §2.2)", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("reads %s line ends, with or without a line end after the last row", (_name, eol) => {
    for (const text of [
      [HEADER, para("B1"), ceti("G1")].join(eol),
      [HEADER, para("B1"), ceti("G1"), ""].join(eol),
    ]) {
      expect(fates(parse(text))).toEqual({ 2: `applied ${PARA}`, 3: `applied ${CETI}` });
    }
  });

  it("reads a file whose line ends are mixed, as a spreadsheet does", () => {
    const text = `${HEADER}\r\n${para("B1")}\n${ceti("G1")}\r${amox("A1")}\r\n${para("B2")}\n`;
    expect(fates(parse(text))).toEqual({
      2: `applied ${PARA}`,
      3: `applied ${CETI}`,
      4: `applied ${AMOX}`,
      5: `applied ${PARA}`,
    });
  });

  it("counts blank and blank-looking lines as rows, like a spreadsheet, but not as data rows", () => {
    const result = parse(`\n${HEADER}\n${para("B1")}\n\n   \n\r\n${ceti("G1")}\n\n`);
    expect(fates(result)).toEqual({ 3: `applied ${PARA}`, 7: `applied ${CETI}` });
    expect(result.dataRows).toBe(2);
  });

  it("skips a byte-order mark before any line end", () => {
    expect(fates(parse(`\ufeff${HEADER}\r${para("B1")}\r`))).toEqual({ 2: `applied ${PARA}` });
    expect(
      fates(parse(`\ufeff"medicine_id",batch,expiry,quantity,price,low_stock_threshold\r\n${para("B1")}`)),
    ).toEqual({
      2: `applied ${PARA}`,
    });
  });
});

describe("quoted cells (RFC 4180 §2.5-2.7)", () => {
  it("does not add rows for line breaks inside a quoted cell", () => {
    const result = parse(
      lines(
        `${HEADER},notes`,
        `${para("B1")},"keep dry\nbelow 25°C\r\nout of reach"`,
        `${CETI},G1,2027-03,x,2.00,1`,
        `${amox("A1")},"two\rlines"`,
        `"${AMOX}
",A2,2027-03,7,85,5`,
      ),
    );
    expect(fates(result)).toEqual({
      2: `applied ${PARA}`,
      3: "quantity: must be a whole number of units, 0 or more",
      4: named(5, AMOX),
      5: "medicine_id: must be a medicine id such as paracetamol-500mg-tablet",
    });
  });

  it("reads doubled quotes as one quote, and commas inside quotes as text", () => {
    const result = parse(lines(`${HEADER},notes`, `"${PARA}","B""1",2027-03,240,"1.20",50,"a, ""b"", c"`));
    expect(fates(result)).toEqual({ 2: "batch: must be a batch number (letters, digits, / . _ -)" });
  });

  it("allows white space around quotes, not text (csv-parse option.ltrim)", () => {
    expect(fates(parse(lines(HEADER, `  "${PARA}" , "B1"\t,2027-03,240,1.20,50`)))).toEqual({
      2: `applied ${PARA}`,
    });
    const result = parse(lines(HEADER, `${PARA}, "B1" x,2027-03,240,1.20,50`, ceti("G1")));
    expect(fates(result)).toEqual({ 2: csvError("Invalid Closing Quote"), 3: `applied ${CETI}` });
    const before = parse(lines(HEADER, `${PARA},x "B1",2027-03,240,1.20,50`, ceti("G1")));
    expect(fates(before)).toEqual({ 2: csvError("Invalid Opening Quote"), 3: `applied ${CETI}` });
  });
});

describe("quoting errors: the bad row is reported once, the rows after it are read", () => {
  it("a quote inside an unquoted cell holds back the medicine's other rows", () => {
    const result = parse(lines(HEADER, `${PARA},B"1,2027-03,240,1.20,50`, ceti("G1"), para("B3")));
    expect(fates(result)).toEqual({
      2: csvError("Invalid Opening Quote"),
      3: `applied ${CETI}`,
      4: held(2, PARA),
    });
  });

  it("text after a closing quote: the rows after it are read, the medicine is held back", () => {
    const result = parse(
      lines(HEADER, amox("A1"), `${PARA},"B1"x,2027-03,240,1.20,50`, ceti("G1"), para("B3")),
    );
    expect(fates(result)).toEqual({
      2: `applied ${AMOX}`,
      3: csvError("Invalid Closing Quote"),
      4: `applied ${CETI}`,
      5: held(3, PARA),
    });
    expect(result.dataRows).toBe(4);
  });

  it("two bad rows in a row are each reported once", () => {
    const result = parse(
      lines(HEADER, `${PARA},"B1"x,2027-03,240,1.20,50`, `${AMOX},"A1"y,2027-03,1,85,5`, ceti("G1")),
    );
    expect(fates(result)).toEqual({
      2: csvError("Invalid Closing Quote"),
      3: csvError("Invalid Closing Quote"),
      4: `applied ${CETI}`,
    });
  });

  it("a quote in the middle of a cell that ends with a quote is one error (csv-parse reports it twice)", () => {
    const result = parse(lines(HEADER, `${PARA},invalid h"ere",2027-03,240,1.20,50`, ceti("G1")));
    expect(fates(result)).toEqual({ 2: csvError("Invalid Opening Quote"), 3: `applied ${CETI}` });
  });

  it('a quoted cell holding an unescaped quote, " " " (csv-parse option.skip_records_with_error)', () => {
    const result = parse(lines(HEADER, `"${PARA}"," " ","2027-03",240,1.20,50`, ceti("G1"), para("B2")));
    expect(fates(result)).toEqual({
      2: csvError("Invalid Closing Quote"),
      3: `applied ${CETI}`,
      4: held(2, PARA),
    });
  });

  it("a quote never closed in the middle of the file: that row is reported, the rows after it are read", () => {
    const result = parse(
      lines(HEADER, `${PARA},"B1,2027-03,240,1.20,50`, ceti("G1"), amox("A1"), para("B3")),
    );
    expect(fates(result)).toEqual({
      2: csvError("Quote Not Closed"),
      3: `applied ${CETI}`,
      4: `applied ${AMOX}`,
      5: held(2, PARA),
    });
    expect(result.dataRows).toBe(4);
  });

  it("a quote never closed on the last row holds back the medicine's earlier rows", () => {
    for (const text of [
      lines(HEADER, para("B3"), ceti("G1"), `${PARA},"B1,2027-03,240,1.20,50`),
      `${HEADER}\n${para("B3")}\n${ceti("G1")}\n${PARA},2027-03,240,1.20,"`,
    ]) {
      expect(fates(parse(text))).toEqual({
        2: held(4, PARA),
        3: `applied ${CETI}`,
        4: csvError("Quote Not Closed"),
      });
    }
  });

  it("a quote that closes on a later line makes one row of both lines, and holds back every medicine they name", () => {
    const result = parse(
      lines(HEADER, `${PARA},"B1,2027-03,240,1.20,50`, `${AMOX},A1,2027-03,7,85,"5"`, amox("A2"), ceti("G1")),
    );
    expect(fates(result)).toEqual({
      2: expect.stringMatching(
        new RegExp(`^: cannot be read as CSV: Invalid Closing Quote.*; it also names ${AMOX}`),
      ),
      3: named(2, AMOX),
      4: `applied ${CETI}`,
    });
  });
});

describe("a row whose medicine cannot be read holds back every medicine it names", () => {
  it("a quoting error in the medicine id cell", () => {
    const result = parse(lines(HEADER, para("B1"), `"${PARA}"x,B2,2027-03,240,1.20,50`, ceti("G1")));
    expect(fates(result)).toEqual({
      2: named(3, PARA),
      3: expect.stringMatching(
        new RegExp(
          `^: cannot be read as CSV: Invalid Closing Quote.*; no medicine id can be read from it, so the medicines it names are held back: ${PARA}$`,
        ),
      ),
      4: `applied ${CETI}`,
    });
  });

  it("says so when such a row names no medicine of the file", () => {
    const result = parse(lines(HEADER, `"Para"x,B2,2027-03,240,1.20,50`, ceti("G1")));
    expect(fates(result)).toEqual({
      2: expect.stringMatching(
        /; no medicine id can be read from it, and it names no medicine of this file$/,
      ),
      3: `applied ${CETI}`,
    });
  });

  it("a medicine id that is not well formed, or not in the master, but names a medicine of the file", () => {
    const result = parse(
      lines(
        HEADER,
        para("B1"),
        `Paracetamol-500MG-Tablet,B2,2027-03,240,1.20,50`,
        amox("A1"),
        `${AMOX}x,A2,2027-03,7,85,5`,
        ceti("G1"),
      ),
    );
    expect(fates(result)).toEqual({
      2: named(3, PARA),
      3: "medicine_id: must be a medicine id such as paracetamol-500mg-tablet",
      4: named(5, AMOX),
      5: `medicine_id: ${AMOX}x is not in the medicine master`,
      6: `applied ${CETI}`,
    });
  });

  it("a row shifted right by an empty first cell", () => {
    const result = parse(lines(HEADER, para("B1"), `,${PARA},B2,2027-03,240,1.20`, ceti("G1")));
    expect(fates(result)).toEqual({
      2: named(3, PARA),
      3: "medicine_id: is empty",
      4: `applied ${CETI}`,
    });
  });

  it("two rows joined by a lost line break: too many fields, both medicines held back", () => {
    const result = parse(lines(HEADER, `${amox("A1")}${para("B2")}`, para("B1"), amox("A2"), ceti("G1")));
    expect(fates(result)).toEqual({
      2: ": has 11 fields; the header has 6; it also names paracetamol-500mg-tablet",
      3: named(2, PARA),
      4: held(2, AMOX),
      5: `applied ${CETI}`,
    });
  });
  it("a quoted cell spanning lines that names another medicine holds that one back (a quote may be missing)", () => {
    const result = parse(
      lines(`${HEADER},notes`, `${amox("A1")},"see`, `${para("B1")},"`, para("B2"), ceti("G1")),
    );
    expect(fates(result)).toEqual({
      2: `applied ${AMOX}`,
      3: named(2, PARA),
      4: `applied ${CETI}`,
    });
  });
  it("a quoted cell spanning lines that names the row's own medicine holds that one back too", () => {
    const result = parse(
      lines(`${HEADER},notes`, `${para("B1")},"see`, `${para("B2")},"`, para("B3"), ceti("G1")),
    );
    expect(fates(result)).toEqual({ 2: named(2, PARA), 3: named(2, PARA), 4: `applied ${CETI}` });
  });
  it("a medicine named outside its own rows' medicine id cells is held back: a row of it may hide there", () => {
    const result = parse(
      lines(`${HEADER},notes`, `${amox("A1")},"replaces ${PARA}, B1"`, para("B2"), ceti("G1")),
    );
    expect(fates(result)).toEqual({ 2: `applied ${AMOX}`, 3: named(2, PARA), 4: `applied ${CETI}` });
  });
});

describe("the header row", () => {
  it("is refused when it cannot be read as CSV", () => {
    expect(() => parse(lines(`"medicine_id"x,batch,expiry,quantity,price`, para("B1")))).toThrow(
      CsvFileError,
    );
    expect(() => parse(lines(`"medicine_id,batch,expiry,quantity,price`, para("B1")))).toThrow(
      /^the header row cannot be read as CSV: Quote Not Closed/,
    );
  });

  it("counts every record after it against the row limit, unreadable ones included", () => {
    const result = parse(lines(HEADER, `${PARA},"B1"x,2027-03,240,1.20,50`, `${PARA},"B2`, ceti("G1")));
    expect(result.dataRows).toBe(3);
    expect(fates(result)).toEqual({
      2: csvError("Invalid Closing Quote"),
      3: csvError("Quote Not Closed"),
      4: `applied ${CETI}`,
    });
  });
});
