import { batchSchema, CSV_MAX_ROWS, medicineIdSchema, priceInrSchema } from "../../schemas/pharmacy";
import { isExpired, lastSaleDay, paiseFromInr, type StockItem } from "./stock";

/**
 * A pharmacy's stock file: one row per batch. Column names are matched case-insensitively,
 * spaces and dashes count as underscores. `low_stock_threshold` may be left out.
 *
 *   medicine_id,batch,expiry,quantity,price,low_stock_threshold
 *   paracetamol-500mg-tablet,B2291,2027-03,240,1.20,50
 *
 * Rows of one medicine together replace that medicine's batches; medicines not in the file are
 * left as they are. Quantities are absolute, so importing the same file twice changes nothing.
 * A medicine with any rejected row is held back whole (its other rows are reported as not
 * applied): applying only its good rows would delete the rejected batch from the stock.
 *
 * Every record of the file is applied or reported exactly once, under the row number a
 * spreadsheet shows: the header is row 1, blank lines count, a quoted cell holding line breaks
 * is one row. A record that cannot be read as CSV is reported, reading goes on with the next
 * one, and its medicine is held back. A medicine is also held back when its id appears anywhere
 * but in the medicine_id cell of its own rows (a notes cell, a cell spanning lines, a row that
 * cannot be read, a shifted row): a lost line end or quote may hide one of its rows there. A
 * row that cannot be read, or whose medicine id is not well formed or not in the master, holds
 * back every medicine whose id it contains even in part ("paracetamol-500mg-tabletx").
 */
export const CSV_COLUMNS = [
  "medicine_id",
  "batch",
  "expiry",
  "quantity",
  "price",
  "low_stock_threshold",
] as const;
export const REQUIRED_COLUMNS = ["medicine_id", "batch", "expiry", "quantity", "price"] as const;
export const DEFAULT_LOW_STOCK_THRESHOLD = 10;

export interface RowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  reason: string;
}

export interface ParsedImport {
  items: Array<StockItem & { rows: number[] }>;
  errors: RowError[];
  dataRows: number;
  ignoredColumns: string[];
}

export class CsvFileError extends Error {}

const canonicalColumn = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
const INT = /^\d+$/;
const RUPEES = /^\d+(\.\d{1,2})?$/;

function firstIssue(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string {
  return result.error?.issues[0]?.message ?? "is not valid";
}

type Column = (typeof CSV_COLUMNS)[number];

// ---------------------------------------------------------------------------------------------
// Records. RFC 4180 read the way csv-parse reads it with `trim` (white space around a field and
// around its quotes is dropped, a quoted field's content is kept as written), and the way a
// spreadsheet counts rows: CRLF, LF and CR all end a line, whatever the file's first one was.
// Unlike csv-parse with `skip_records_with_error`, a quoting error never moves the boundary
// between records: the bad quote is read as text, the record ends at the end of its line and
// the next record is read as usual.

interface Problem {
  /** The field (0-based) where the record stops being CSV. */
  field: number;
  kind: "opening" | "closing" | "unclosed";
}

interface CsvRecord {
  row: number;
  fields: string[];
  /** The record's text is `text.slice(start, end)`, without its line end. */
  start: number;
  end: number;
  /** The first quoting error, if any. */
  problem?: Problem;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** White space that `trim` drops, line ends aside (the same set as csv-parse's `trim`). */
function isBlank(code: number): boolean {
  if (code === 32 || code === 9) return true;
  if (code < 128) return code === 11 || code === 12;
  return /\s/.test(String.fromCharCode(code));
}

/** Calls `each` with every record of `text`, blank lines included, in order. */
function eachRecord(text: string, each: (record: CsvRecord) => void): void {
  const n = text.length;
  /** The end of an unquoted field starting at `from`, and whether it holds a quote. */
  const unquoted = (from: number): { end: number; quote: boolean } => {
    let quote = false;
    let p = from;
    for (; p < n; p += 1) {
      const c = text.charCodeAt(p);
      if (c === COMMA || c === LF || c === CR) break;
      if (c === QUOTE) quote = true;
    }
    return { end: p, quote };
  };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 1;
  while (pos < n) {
    const start = pos;
    const fields: string[] = [];
    let problem: Problem | undefined;
    for (;;) {
      let p = pos;
      while (p < n && isBlank(text.charCodeAt(p))) p += 1;
      if (p < n && text.charCodeAt(p) === QUOTE) {
        const open = p;
        let close = -1;
        for (let q = open + 1; ;) {
          const k = text.indexOf('"', q);
          if (k < 0) break;
          if (text.charCodeAt(k + 1) === QUOTE) {
            q = k + 2;
            continue;
          }
          close = k;
          break;
        }
        if (close < 0) {
          // Never closed: read as a stray quote, so the lines after it stay rows of their own.
          problem ??= { field: fields.length, kind: "unclosed" };
          p = unquoted(open + 1).end;
          fields.push(text.slice(open, p).trim());
        } else {
          const content = text.slice(open + 1, close);
          p = close + 1;
          while (p < n && isBlank(text.charCodeAt(p))) p += 1;
          const c = text.charCodeAt(p);
          if (p < n && c !== COMMA && c !== LF && c !== CR) {
            problem ??= { field: fields.length, kind: "closing" };
            p = unquoted(p).end;
            fields.push(text.slice(open, p).trim());
          } else {
            fields.push(content.replaceAll('""', '"'));
          }
        }
      } else {
        const field = unquoted(p);
        if (field.quote) problem ??= { field: fields.length, kind: "opening" };
        fields.push(text.slice(p, field.end).trim());
        p = field.end;
      }
      pos = p;
      if (pos < n && text.charCodeAt(pos) === COMMA) {
        pos += 1;
        continue;
      }
      break;
    }
    const end = pos;
    if (text.charCodeAt(pos) === CR) pos += 1;
    if (text.charCodeAt(pos) === LF) pos += 1;
    each({ row, fields, start, end, problem });
    row += 1;
  }
}

const isEmptyLine = (r: CsvRecord) => !r.problem && r.fields.length === 1 && r.fields[0] === "";

function problemText(problem: Problem, header: string[] | null): string {
  const field = `field ${problem.field + 1}${header ? ` (${header[problem.field] ?? "beyond the header"})` : ""}`;
  switch (problem.kind) {
    case "opening":
      return `Invalid Opening Quote: ${field} holds a quote but does not start with one; quote the whole field and double the quotes inside it`;
    case "closing":
      return `Invalid Closing Quote: ${field} has text after its closing quote; double the quotes inside a quoted field`;
    case "unclosed":
      return `Quote Not Closed: the quote that starts ${field} is never closed, so the row was read to the end of its line`;
  }
}

/** The ids of `ids` that `text` holds, in any case, found among its runs of id characters. */
function idsNamedIn(text: string, ids: ReadonlySet<string>, lengths: readonly number[]): string[] {
  const found = new Set<string>();
  if (!lengths.length) return [];
  for (const [run] of text.toLowerCase().matchAll(/[a-z0-9-]+/g)) {
    if (run.length < lengths[0]) continue;
    for (let i = 0; i + lengths[0] <= run.length; i += 1)
      for (const length of lengths) {
        if (i + length > run.length) break;
        const candidate = run.slice(i, i + length);
        if (ids.has(candidate)) found.add(candidate);
      }
  }
  return [...found];
}

/** Looks for the given ids in texts; the lengths are worked out once. */
function idFinder(ids: Iterable<string>): (text: string) => string[] {
  const set = new Set(ids);
  const lengths = [...new Set([...set].map((id) => id.length))].sort((a, b) => a - b);
  return (text) => idsNamedIn(text, set, lengths);
}

export interface HeldMedicine {
  row: number;
  medicineId: string;
  /** The row names the medicine in text that cannot be read as one of its rows. */
  named?: boolean;
}

export interface ReadCsv {
  rows: Array<{ row: number; cells: Record<Column, string> }>;
  /** Rows that could not be read as CSV (a broken quote, too many fields): one error each. */
  errors: RowError[];
  /**
   * Medicines held back before validation: the medicine of a row that could not be read, and
   * each medicine named where its rows' medicine_id cells are not (see the module comment).
   */
  unreadableMedicineRows: HeldMedicine[];
  /**
   * Each readable row's text as written: a row naming a medicine missing from the master may
   * be a shifted row, and then the medicines it names, in any column, are held back.
   */
  rowText: ReadonlyMap<number, string>;
  ignoredColumns: string[];
}

/** Reads the file's records and maps cells to the known columns; validates nothing yet. */
export function readStockCsv(text: string): ReadCsv {
  let header: string[] | null = null;
  const records: CsvRecord[] = [];
  let dataRows = 0;
  eachRecord(text, (record) => {
    if (isEmptyLine(record)) return;
    if (header) {
      dataRows += 1;
      if (dataRows <= CSV_MAX_ROWS) records.push(record);
      return;
    }
    if (record.problem)
      throw new CsvFileError(`the header row cannot be read as CSV: ${problemText(record.problem, null)}`);
    header = record.fields.map(canonicalColumn);
    const missing = REQUIRED_COLUMNS.filter((c) => !header?.includes(c));
    if (missing.length)
      throw new CsvFileError(
        `the header lacks the column(s) ${missing.join(", ")}; expected ${CSV_COLUMNS.join(",")}`,
      );
  });
  if (!header) throw new CsvFileError("the file has no header row");
  const columns: string[] = header;
  if (dataRows > CSV_MAX_ROWS)
    throw new CsvFileError(`the file has ${dataRows} rows; import at most ${CSV_MAX_ROWS} at a time`);
  const at = CSV_COLUMNS.map((c) => [c, columns.indexOf(c)] as const);
  const idAt = columns.indexOf("medicine_id");

  const rows: ReadCsv["rows"] = [];
  const rowText = new Map<number, string>();
  /** Records reported here, with their reason before any note on the medicines they name. */
  const unreadable: Array<{ record: CsvRecord; reason: string; medicineId: string | null }> = [];
  /** Readable rows without a well-formed medicine id (shifted by an empty cell, in capitals). */
  const unattributed: Array<{ row: number; text: string }> = [];
  /** Each record's own medicine id, when a well-formed one can be read. */
  const own: Array<string | null> = [];
  /** Only the medicines of readable rows can be applied, so only they need holding back. */
  const ids = new Set<string>();
  for (const record of records) {
    const { fields, problem } = record;
    // A missing trailing cell reads as empty, but extra non-empty cells would be dropped
    // silently (a decimal comma, "1,20", shifts every cell after it), so such a row is reported.
    const extra = !problem && fields.slice(columns.length).some((c) => c !== "");
    if (problem || extra) {
      const id = !problem || problem.field > idAt ? (fields[idAt] ?? "") : "";
      const medicineId = medicineIdSchema.safeParse(id).success ? id : null;
      unreadable.push({
        record,
        reason: problem
          ? `cannot be read as CSV: ${problemText(problem, columns)}`
          : `has ${fields.length} fields; the header has ${columns.length}`,
        medicineId,
      });
      own.push(medicineId);
      continue;
    }
    const cells = Object.fromEntries(at.map(([c, i]) => [c, i >= 0 ? (fields[i] ?? "") : ""])) as Record<
      Column,
      string
    >;
    const raw = text.slice(record.start, record.end);
    rows.push({ row: record.row, cells });
    rowText.set(record.row, raw);
    const wellFormed = medicineIdSchema.safeParse(cells.medicine_id).success;
    if (wellFormed) ids.add(cells.medicine_id);
    else unattributed.push({ row: record.row, text: raw });
    own.push(wellFormed ? cells.medicine_id : null);
  }

  const named = idFinder(ids);
  const unreadableMedicineRows: HeldMedicine[] = [];
  // A medicine id anywhere but in the medicine_id cell of one of the medicine's rows may be a
  // row of it joined to another by a lost line end or quote (inside a quoted cell, say), so it
  // holds the medicine back; one an unreadable row names, even in part, too.
  records.forEach((record, i) => {
    const seen = new Set<string>();
    let ownCell = own[i];
    for (const [token] of text
      .slice(record.start, record.end)
      .toLowerCase()
      .matchAll(/[a-z0-9-]+/g)) {
      if (!ids.has(token) || seen.has(token)) continue;
      if (token === ownCell) {
        ownCell = null;
        continue;
      }
      seen.add(token);
      unreadableMedicineRows.push({ row: record.row, medicineId: token, named: true });
    }
  });
  const errors: RowError[] = [];
  for (const { record, reason, medicineId } of unreadable) {
    const others = named(text.slice(record.start, record.end)).filter((id) => id !== medicineId);
    let note = "";
    if (medicineId === null)
      note = others.length
        ? `; no medicine id can be read from it, so the medicines it names are held back: ${others.join(", ")}`
        : "; no medicine id can be read from it, and it names no medicine of this file";
    else if (others.length) note = `; it also names ${others.join(", ")}`;
    errors.push({ row: record.row, column: "", reason: reason + note });
    if (medicineId !== null) unreadableMedicineRows.push({ row: record.row, medicineId });
    for (const id of others) unreadableMedicineRows.push({ row: record.row, medicineId: id, named: true });
  }
  for (const { row, text: rowTextOf } of unattributed)
    for (const id of named(rowTextOf)) unreadableMedicineRows.push({ row, medicineId: id, named: true });

  return {
    rows,
    errors,
    unreadableMedicineRows,
    rowText,
    ignoredColumns: columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c)),
  };
}

/** The well-formed medicine ids a file refers to, to look up in the master before validating. */
export function medicineIdsIn(read: ReadCsv): string[] {
  return [
    ...new Set(
      read.rows.map((r) => r.cells.medicine_id).filter((id) => medicineIdSchema.safeParse(id).success),
    ),
  ];
}

/** Validates rows against the medicine master and groups them into stock items; applies nothing. */
export function validateStockRows(
  read: ReadCsv,
  knownMedicine: (id: string) => boolean,
  today: string,
): ParsedImport {
  const errors: RowError[] = [...read.errors];
  const items = new Map<string, StockItem & { rows: number[]; firstRow: number }>();
  /** Medicine → the first row that holds it back. */
  const held = new Map<string, { row: number; named: boolean }>();
  const hold = (medicineId: string, row: number, named: boolean) => {
    const first = held.get(medicineId);
    if (!first || row < first.row) held.set(medicineId, { row, named });
  };
  for (const u of read.unreadableMedicineRows) hold(u.medicineId, u.row, u.named === true);
  /** Rows naming a medicine that is not in the master: the medicines they name are held back. */
  const unknown: Array<{ row: number; text: string }> = [];
  for (const { row, cells } of read.rows) {
    const cell = (c: Column) => cells[c];
    let medicineId: string | null = null;
    const fail = (column: string, reason: string) => {
      errors.push({ row, column, reason });
      if (medicineId) hold(medicineId, row, false);
      return null;
    };
    const check = (): (StockItem & { batch: string }) | null => {
      const id = medicineIdSchema.safeParse(cell("medicine_id"));
      // readStockCsv holds back the medicines named by a row without a well-formed id.
      if (!id.success) return fail("medicine_id", cell("medicine_id") ? firstIssue(id) : "is empty");
      if (!knownMedicine(id.data)) {
        unknown.push({ row, text: read.rowText.get(row) ?? Object.values(cells).join(",") });
        return fail("medicine_id", `${id.data} is not in the medicine master`);
      }
      medicineId = id.data;
      const quantityText = cell("quantity");
      if (!INT.test(quantityText)) return fail("quantity", "must be a whole number of units, 0 or more");
      const priceText = cell("price");
      if (!RUPEES.test(priceText))
        return fail("price", "must be rupees with at most two decimals, such as 12.50");
      const price = priceInrSchema.safeParse(Number(priceText));
      if (!price.success) return fail("price", firstIssue(price));
      const thresholdText = cell("low_stock_threshold");
      if (thresholdText && !INT.test(thresholdText))
        return fail("low_stock_threshold", "must be a whole number, 0 or more");
      const batch = batchSchema.safeParse({
        batch: cell("batch"),
        expiry: cell("expiry"),
        quantity: Number(quantityText),
      });
      if (!batch.success) {
        const issue = batch.error.issues[0];
        return fail(String(issue.path[0] ?? "batch"), issue.message);
      }
      if (isExpired(batch.data, today))
        return fail("expiry", `the batch expired on ${lastSaleDay(batch.data.expiry)}`);
      return {
        medicineId: id.data,
        batch: batch.data.batch,
        batches: [batch.data],
        pricePaise: paiseFromInr(Number(priceText)),
        lowStockThreshold: thresholdText ? Number(thresholdText) : DEFAULT_LOW_STOCK_THRESHOLD,
      };
    };
    const line = check();
    if (!line) continue;
    const item = items.get(line.medicineId);
    if (!item) {
      items.set(line.medicineId, {
        medicineId: line.medicineId,
        batches: line.batches,
        pricePaise: line.pricePaise,
        lowStockThreshold: line.lowStockThreshold,
        rows: [row],
        firstRow: row,
      });
    } else if (item.batches.some((b) => b.batch === line.batch)) {
      fail(
        "batch",
        `batch ${line.batch} of ${line.medicineId} is already on row ${item.rows[item.batches.findIndex((b) => b.batch === line.batch)]}`,
      );
    } else if (item.pricePaise !== line.pricePaise) {
      fail("price", `differs from the price on row ${item.firstRow} for the same medicine`);
    } else if (item.lowStockThreshold !== line.lowStockThreshold) {
      fail("low_stock_threshold", `differs from the threshold on row ${item.firstRow} for the same medicine`);
    } else {
      item.batches.push(...line.batches);
      item.rows.push(row);
    }
  }
  if (unknown.length) {
    const named = idFinder(items.keys());
    for (const { row, text } of unknown) for (const id of named(text)) hold(id, row, true);
  }
  for (const [id, item] of items) {
    const by = held.get(id);
    if (by === undefined) continue;
    items.delete(id);
    const reason = by.named
      ? `not applied: row ${by.row} names ${id} in text that cannot be read as one of its rows, and a medicine's rows are applied together`
      : `not applied: row ${by.row} of ${id} was rejected, and a medicine's rows are applied together`;
    for (const row of item.rows) errors.push({ row, column: "medicine_id", reason });
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    items: [...items.values()].map(({ firstRow: _first, ...item }) => item),
    errors,
    dataRows: read.rows.length + read.errors.length,
    ignoredColumns: read.ignoredColumns,
  };
}

/** Reads and validates in one step. */
export function parseStockCsv(
  text: string,
  knownMedicine: (id: string) => boolean,
  today: string,
): ParsedImport {
  return validateStockRows(readStockCsv(text), knownMedicine, today);
}
