import { describe, expect, it } from "vitest";
import { CSV_MAX_ROWS, type BatchInput } from "../../schemas/pharmacy";
import {
  CsvFileError,
  DEFAULT_LOW_STOCK_THRESHOLD,
  medicineIdsIn,
  parseStockCsv,
  readStockCsv,
  validateStockRows,
} from "./csvImport";

const TODAY = "2026-11-20";
const PARA = "paracetamol-500mg-tablet";
const AMOX = "amoxicillin-250mg5ml-suspension";
const CETI = "cetirizine-10mg-tablet";
const MASTER = new Set([PARA, AMOX, CETI]);
const known = (id: string) => MASTER.has(id);
const HEADER = "medicine_id,batch,expiry,quantity,price,low_stock_threshold";
const csv = (...lines: string[]) => `${lines.join("\n")}\n`;
const parse = (text: string) => parseStockCsv(text, known, TODAY);
/** Errors as "row column: reason". */
const errorsOf = (text: string) => parse(text).errors.map((e) => `${e.row} ${e.column}: ${e.reason}`);
/** The item of a medicine that has one row, of a single batch. */
const oneRowItem = (
  { row, ...item }: { row: number; medicineId: string; pricePaise: number; lowStockThreshold: number },
  batch: BatchInput,
) => ({ ...item, batches: [batch], rows: [row] });
/** The error on PARA's good row `row`, held back because its row `rejected` was refused. */
const heldBack = (row: number, rejected: number) => ({
  row,
  column: "medicine_id",
  reason: `not applied: row ${rejected} of ${PARA} was rejected, and a medicine's rows are applied together`,
});

describe("parseStockCsv: a good file", () => {
  it("groups rows by medicine, keeps their row numbers (the header is row 1) and converts prices to paise", () => {
    const result = parse(
      csv(
        HEADER,
        `${PARA},B2291,2027-03,240,1.20,50`,
        `${AMOX},AX-11/2,2027-06-30,12,85,5`,
        `${PARA},B2292,2027-09,100,1.2,50`,
        `${CETI},C.7_a,2027-01,0,2.05,`,
      ),
    );
    expect(result).toEqual({
      items: [
        {
          medicineId: PARA,
          batches: [
            { batch: "B2291", expiry: "2027-03", quantity: 240 },
            { batch: "B2292", expiry: "2027-09", quantity: 100 },
          ],
          pricePaise: 120,
          lowStockThreshold: 50,
          rows: [2, 4],
        },
        oneRowItem(
          { row: 3, medicineId: AMOX, pricePaise: 8500, lowStockThreshold: 5 },
          { batch: "AX-11/2", expiry: "2027-06-30", quantity: 12 },
        ),
        oneRowItem(
          { row: 5, medicineId: CETI, pricePaise: 205, lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD },
          { batch: "C.7_a", expiry: "2027-01", quantity: 0 },
        ),
      ],
      errors: [],
      dataRows: 4,
      ignoredColumns: [],
    });
  });

  it("matches header names whatever their case, spaces, dashes and order", () => {
    const result = parse(
      csv(" Price , Medicine ID,BATCH,Expiry,Quantity,Low-Stock Threshold", `1.20,${PARA},B1,2027-03,240,50`),
    );
    expect(result.errors).toEqual([]);
    expect(result.items).toEqual([
      oneRowItem(
        { row: 2, medicineId: PARA, pricePaise: 120, lowStockThreshold: 50 },
        { batch: "B1", expiry: "2027-03", quantity: 240 },
      ),
    ]);
  });

  it("reads a file with a byte-order mark and Windows line ends", () => {
    const result = parse(
      `\ufeff${HEADER}\r\n${PARA},B1,2027-03,240,1.20,50\r\n${PARA},B2,2027-04,10,1.20,50\r\n`,
    );
    expect(result.errors).toEqual([]);
    expect(result.items[0].rows).toEqual([2, 3]);
  });

  it("reads quoted fields with commas and doubled quotes, and lists the columns it ignores", () => {
    const result = parse(
      csv(
        `${HEADER},Notes,Supplier Name`,
        `"${PARA}","B1",2027-03,"240","1.20",50,"keep dry, below 25°C","Sharma ""Medicos"", Ludhiana"`,
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0].batches).toEqual([{ batch: "B1", expiry: "2027-03", quantity: 240 }]);
    expect(result.ignoredColumns).toEqual(["notes", "supplier_name"]);
  });

  it("uses the default threshold when the column is absent or the cell is empty", () => {
    const absent = parse(csv("medicine_id,batch,expiry,quantity,price", `${PARA},B1,2027-03,240,1.20`));
    expect(absent.errors).toEqual([]);
    expect(absent.items[0].lowStockThreshold).toBe(DEFAULT_LOW_STOCK_THRESHOLD);
    const empty = parse(csv(HEADER, `${PARA},B1,2027-03,240,1.20,`, `${PARA},B2,2027-04,240,1.20,""`));
    expect(empty.errors).toEqual([]);
    expect(empty.items[0].lowStockThreshold).toBe(DEFAULT_LOW_STOCK_THRESHOLD);
    expect(empty.items[0].rows).toEqual([2, 3]);
  });

  it("numbers rows by their line, blank lines included", () => {
    const result = parse(csv(HEADER, `${PARA},B1,2027-03,240,1.20,50`, "", `${AMOX},A1,2027-03,1,85,5`));
    expect(result.items.map((i) => i.rows)).toEqual([[2], [4]]);
    expect(result.dataRows).toBe(2);
  });

  it("accepts a batch that expires today and a header-only file", () => {
    expect(parse(csv(HEADER, `${PARA},B1,${TODAY},1,1.20,50`)).errors).toEqual([]);
    expect(parse(csv(HEADER))).toEqual({ items: [], errors: [], dataRows: 0, ignoredColumns: [] });
  });
});

describe("parseStockCsv: file errors", () => {
  it("names the missing required columns", () => {
    expect(() => parse(csv("medicine_id,batch,expiry", `${PARA},B1,2027-03`))).toThrow(CsvFileError);
    expect(() => parse(csv("medicine_id,batch,expiry", `${PARA},B1,2027-03`))).toThrow(
      "the header lacks the column(s) quantity, price",
    );
    expect(() => parse(csv("medicine,batch,expiry,quantity,price", `${PARA},B1,2027-03,1,1`))).toThrow(
      "the header lacks the column(s) medicine_id;",
    );
  });

  it("does not mistake a byte-order mark for part of the first column name, quoted or not", () => {
    expect(() => parse(`\ufeff${HEADER}\n`)).not.toThrow();
    const quoted = parse(`\ufeff"medicine_id","batch","expiry","quantity","price"\n${PARA},B1,2027-03,1,1\n`);
    expect(quoted.errors).toEqual([]);
    expect(quoted.items.map((i) => i.medicineId)).toEqual([PARA]);
  });

  it("refuses an empty file", () => {
    expect(() => parse("")).toThrow(CsvFileError);
    expect(() => parse("\n\n")).toThrow("the file has no header row");
  });

  it("refuses more than CSV_MAX_ROWS data rows, and accepts exactly that many", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `m${String(i).padStart(5, "0")},B1,2027-03,1,1,1`);
    const all = () => true;
    let error: unknown;
    try {
      parseStockCsv(csv(HEADER, ...rows(CSV_MAX_ROWS + 1)), all, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as Error).message).toBe(
      `the file has ${CSV_MAX_ROWS + 1} rows; import at most ${CSV_MAX_ROWS} at a time`,
    );
    const max = parseStockCsv(csv(HEADER, ...rows(CSV_MAX_ROWS)), all, TODAY);
    expect(max.dataRows).toBe(CSV_MAX_ROWS);
    expect(max.items).toHaveLength(CSV_MAX_ROWS);
    expect(max.errors).toEqual([]);
  }, 120_000);
});

describe("parseStockCsv: row errors", () => {
  const good = `${CETI},G1,2027-03,5,2.00,1`;

  it("reports each bad cell with its row, column and reason, and keeps bad rows out of the items", () => {
    const result = parse(
      csv(
        HEADER,
        `ibuprofen-400mg-tablet,B1,2027-03,10,1.00,5`,
        `Paracetamol 500,B1,2027-03,10,1.00,5`,
        `,B1,2027-03,10,1.00,5`,
        `${PARA},B1,2027-03,12.5,1.00,5`,
        `${PARA},B1,2027-03,-3,1.00,5`,
        `${PARA},B1,2027-03,,1.00,5`,
        `${PARA},B1,2027-03,10,12.345,5`,
        `${PARA},B1,2027-03,10,"12,50",5`,
        `${PARA},B1,2027-13,10,1.00,5`,
        `${PARA},B1,27-03,10,1.00,5`,
        `${PARA},B1,2026-10,10,1.00,5`,
        `${PARA},B1,2026-11-19,10,1.00,5`,
        `${PARA},B 1#,2027-03,10,1.00,5`,
        `${PARA},,2027-03,10,1.00,5`,
        `${PARA},B1,2027-03,10,1.00,many`,
        `${PARA},B1,2027-03,2000000,1.00,5`,
        good,
      ),
    );
    expect(result.errors).toEqual([
      { row: 2, column: "medicine_id", reason: "ibuprofen-400mg-tablet is not in the medicine master" },
      { row: 3, column: "medicine_id", reason: "must be a medicine id such as paracetamol-500mg-tablet" },
      { row: 4, column: "medicine_id", reason: "is empty" },
      { row: 5, column: "quantity", reason: "must be a whole number of units, 0 or more" },
      { row: 6, column: "quantity", reason: "must be a whole number of units, 0 or more" },
      { row: 7, column: "quantity", reason: "must be a whole number of units, 0 or more" },
      { row: 8, column: "price", reason: "must be rupees with at most two decimals, such as 12.50" },
      { row: 9, column: "price", reason: "must be rupees with at most two decimals, such as 12.50" },
      { row: 10, column: "expiry", reason: "must be an expiry written YYYY-MM or YYYY-MM-DD" },
      { row: 11, column: "expiry", reason: "must be an expiry written YYYY-MM or YYYY-MM-DD" },
      { row: 12, column: "expiry", reason: "the batch expired on 2026-10-31" },
      { row: 13, column: "expiry", reason: "the batch expired on 2026-11-19" },
      { row: 14, column: "batch", reason: "must be a batch number (letters, digits, / . _ -)" },
      { row: 15, column: "batch", reason: "must be a batch number (letters, digits, / . _ -)" },
      { row: 16, column: "low_stock_threshold", reason: "must be a whole number, 0 or more" },
      { row: 17, column: "quantity", reason: expect.stringMatching(/1000000/) },
    ]);
    expect(result.items).toEqual([
      oneRowItem(
        { row: 18, medicineId: CETI, pricePaise: 200, lowStockThreshold: 1 },
        { batch: "G1", expiry: "2027-03", quantity: 5 },
      ),
    ]);
    expect(result.dataRows).toBe(17);
  });

  it("refuses a price above the limit the stock form enforces", () => {
    expect(errorsOf(csv(HEADER, `${PARA},B1,2027-03,10,1000000.01,5`, good))).toEqual([
      expect.stringMatching(/^2 price: /),
    ]);
    expect(errorsOf(csv(HEADER, `${PARA},B1,2027-03,10,1000000,5`))).toEqual([]);
  });

  it("reports a repeated batch of the same medicine on the later row, and holds the whole medicine back", () => {
    const result = parse(
      csv(
        HEADER,
        `${PARA},B1,2027-03,240,1.20,50`,
        `${PARA},B2,2027-04,10,1.20,50`,
        `${AMOX},B1,2027-03,7,85,5`, // the same batch number of another medicine is fine
        `${PARA},B2,2027-09,99,1.20,50`,
        `${PARA},B1,2027-09,98,1.20,50`,
      ),
    );
    expect(result.errors).toEqual([
      heldBack(2, 5),
      heldBack(3, 5),
      { row: 5, column: "batch", reason: `batch B2 of ${PARA} is already on row 3` },
      { row: 6, column: "batch", reason: `batch B1 of ${PARA} is already on row 2` },
    ]);
    expect(result.items).toEqual([
      oneRowItem(
        { row: 4, medicineId: AMOX, pricePaise: 8500, lowStockThreshold: 5 },
        { batch: "B1", expiry: "2027-03", quantity: 7 },
      ),
    ]);
  });

  it("reports a price or threshold that differs from the medicine's first row, and holds the medicine back", () => {
    const result = parse(
      csv(
        HEADER,
        `${PARA},B1,2027-03,240,1.20,50`,
        `${PARA},B2,2027-03,240,1.30,50`,
        `${PARA},B3,2027-03,240,1.20,40`,
        `${PARA},B4,2027-03,240,1.2,50`, // the same price written differently
        `${AMOX},A1,2027-03,240,1.20,50`,
      ),
    );
    expect(result.errors).toEqual([
      heldBack(2, 3),
      { row: 3, column: "price", reason: "differs from the price on row 2 for the same medicine" },
      {
        row: 4,
        column: "low_stock_threshold",
        reason: "differs from the threshold on row 2 for the same medicine",
      },
      heldBack(5, 3),
    ]);
    expect(result.items.map((i) => i.medicineId)).toEqual([AMOX]);
  });

  it("holds back every row of a medicine when one of its rows is bad, so no batch is dropped from stock", () => {
    const result = parse(
      csv(
        HEADER,
        `${PARA},B1,2027-03,x,1.20,50`,
        `${PARA},B2,2027-03,240,1.30,50`,
        `${PARA},B3,2027-03,240,1.20,50`,
      ),
    );
    expect(result.errors).toEqual([
      { row: 2, column: "quantity", reason: "must be a whole number of units, 0 or more" },
      heldBack(3, 2),
      { row: 4, column: "price", reason: "differs from the price on row 3 for the same medicine" },
    ]);
    expect(result.items).toEqual([]);
  });

  it("holds back a medicine named on a row that has too many fields", () => {
    const result = parse(csv(HEADER, `${PARA},B1,2027-03,240,1.20,50`, `${PARA},B2,2027-03,240,1,20,50`));
    expect(result.errors).toEqual([
      heldBack(2, 3),
      { row: 3, column: "", reason: "has 7 fields; the header has 6" },
    ]);
    expect(result.items).toEqual([]);
  });

  it("reports a row with more fields than the header (a decimal comma shifts every cell after it)", () => {
    const result = parse(csv(HEADER, `${PARA},B1,2027-03,240,1,20,50`, good));
    expect(result.errors).toEqual([{ row: 2, column: "", reason: "has 7 fields; the header has 6" }]);
    expect(result.items.map((i) => i.medicineId)).toEqual([CETI]);
    expect(result.dataRows).toBe(2);
  });

  it("accepts trailing empty fields, and reads missing trailing fields as empty cells", () => {
    const result = parse(
      csv(HEADER, `${PARA},B1,2027-03,240,1.20,50,,`, `${PARA},B2,2027-03,240,1.20`, `${AMOX},A1,2027-03`),
    );
    expect(result.errors).toEqual([
      heldBack(2, 3),
      {
        row: 3,
        column: "low_stock_threshold",
        reason: "differs from the threshold on row 2 for the same medicine",
      }, // empty: the default, 10
      { row: 4, column: "quantity", reason: "must be a whole number of units, 0 or more" },
    ]);
    expect(result.items).toEqual([]);
  });

  it("reports a stray quote inside a field and reads the rows after it", () => {
    const result = parse(csv(HEADER, `${PARA},B"1,2027-03,240,1.20,50`, good));
    expect(result.errors).toEqual([
      { row: 2, column: "", reason: expect.stringMatching(/^cannot be read as CSV: Invalid Opening Quote/) },
    ]);
    expect(result.items.map((i) => i.rows)).toEqual([[3]]);
    expect(result.dataRows).toBe(2);
  });

  it("reports text after a closing quote, reads the rows after it, and holds the medicine back", () => {
    // csv-parse 7 with skip_records_with_error skipped the record with the bad quote but stayed
    // inside the quoted field, so the rows after it were lost (issue 13). The bad quote is now
    // read as text and the record ends with its line.
    const result = parse(
      csv(
        HEADER,
        `${AMOX},A1,2027-03,1,85,5`,
        `${PARA},"B1"x,2027-03,240,1.20,50`,
        good,
        `${PARA},B3,2027-03,240,1.20,50`,
      ),
    );
    expect(result.errors).toEqual([
      { row: 3, column: "", reason: expect.stringMatching(/^cannot be read as CSV: Invalid Closing Quote/) },
      heldBack(5, 3),
    ]);
    expect(result.items.map((i) => i.medicineId)).toEqual([AMOX, CETI]);
    expect(result.dataRows).toBe(4);
  });

  it("reports an unclosed quote at the end of the file", () => {
    const result = parse(csv(HEADER, good, `${PARA},"B1,2027-03,240,1.20,50`));
    expect(result.errors).toEqual([
      { row: 3, column: "", reason: expect.stringMatching(/^cannot be read as CSV: Quote Not Closed/) },
    ]);
    expect(result.items.map((i) => i.rows)).toEqual([[2]]);
  });
});

describe("readStockCsv, medicineIdsIn and validateStockRows", () => {
  it("reads cells by column name and lists each well-formed medicine id once", () => {
    const read = readStockCsv(
      csv(
        "Batch,Medicine ID,Expiry,Quantity,Price",
        `B1,${PARA},2027-03,1,1`,
        `B2,${PARA},2027-03,1,1`,
        `B3,Not An Id,2027-03,1,1`,
        `B4,${AMOX},2027-03,1,1`,
      ),
    );
    expect(read.rows[0]).toEqual({
      row: 2,
      cells: {
        medicine_id: PARA,
        batch: "B1",
        expiry: "2027-03",
        quantity: "1",
        price: "1",
        low_stock_threshold: "",
      },
    });
    expect(medicineIdsIn(read)).toEqual([PARA, AMOX]);
  });

  it("gives the same result in two steps as parseStockCsv", () => {
    const text = csv(
      HEADER,
      `${PARA},B1,2027-03,240,1.20,50`,
      `${PARA},B1,2027-03,240,1.20,50`,
      `x,B1,2027-03,240,1.20,50`,
    );
    expect(validateStockRows(readStockCsv(text), known, TODAY)).toEqual(parse(text));
  });

  it("judges expiry against the day it is given", () => {
    const text = csv(HEADER, `${PARA},B1,2026-11,240,1.20,50`);
    expect(parseStockCsv(text, known, "2026-11-30").errors).toEqual([]);
    expect(parseStockCsv(text, known, "2026-12-01").errors).toEqual([
      { row: 2, column: "expiry", reason: "the batch expired on 2026-11-30" },
    ]);
  });
});
