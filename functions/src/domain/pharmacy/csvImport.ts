import { parse } from "csv-parse/sync";
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
  /** The row's line in the file; the header is line 1. */
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

export interface ReadCsv {
  rows: Array<{ row: number; cells: Record<Column, string> }>;
  /** Rows that could not be read as CSV at all (a broken quote, for instance). */
  errors: RowError[];
  /** Medicines named by a row that could not be read in full: they are held back. */
  unreadableMedicineRows: Array<{ row: number; medicineId: string }>;
  ignoredColumns: string[];
}

/** Reads the file with csv-parse and maps cells to the known columns; validates nothing yet. */
export function readStockCsv(text: string): ReadCsv {
  const errors: RowError[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message: string } | undefined) => {
        if (err)
          errors.push({ row: err.lines ?? 0, column: "", reason: `cannot be read as CSV: ${err.message}` });
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new CsvFileError(`the file cannot be read as CSV: ${(error as Error).message}`);
  }
  if (!records.length) throw new CsvFileError("the file has no header row");
  const header = records[0].record.map(canonicalColumn);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new CsvFileError(
      `the header lacks the column(s) ${missing.join(", ")}; expected ${CSV_COLUMNS.join(",")}`,
    );
  const dataRows = records.length - 1;
  if (dataRows > CSV_MAX_ROWS)
    throw new CsvFileError(`the file has ${dataRows} rows; import at most ${CSV_MAX_ROWS} at a time`);
  const at = CSV_COLUMNS.map((c) => [c, header.indexOf(c)] as const);
  // relax_column_count lets a row's length differ from the header's. Missing trailing cells read
  // as empty, but extra non-empty cells would be dropped silently (a decimal comma, "1,20",
  // shifts every cell after it), so such a row is reported instead of read.
  const unreadableMedicineRows: ReadCsv["unreadableMedicineRows"] = [];
  const fitting = records.slice(1).filter(({ record, info }) => {
    if (record.slice(header.length).every((c) => c === "")) return true;
    errors.push({
      row: info.lines,
      column: "",
      reason: `has ${record.length} fields; the header has ${header.length}`,
    });
    const medicineId = record[header.indexOf("medicine_id")];
    if (medicineId) unreadableMedicineRows.push({ row: info.lines, medicineId });
    return false;
  });
  const rows = fitting.map(({ record, info }) => ({
    row: info.lines,
    cells: Object.fromEntries(at.map(([c, i]) => [c, i >= 0 ? (record[i] ?? "") : ""])) as Record<
      Column,
      string
    >,
  }));
  return {
    rows,
    errors,
    unreadableMedicineRows,
    ignoredColumns: header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c)),
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
  /** Medicine → its first rejected row. */
  const held = new Map<string, number>(read.unreadableMedicineRows.map((u) => [u.medicineId, u.row]));
  for (const { row, cells } of read.rows) {
    const cell = (c: Column) => cells[c];
    let medicineId: string | null = null;
    const fail = (column: string, reason: string) => {
      errors.push({ row, column, reason });
      if (medicineId && !held.has(medicineId)) held.set(medicineId, row);
      return null;
    };
    const check = (): (StockItem & { batch: string }) | null => {
      const id = medicineIdSchema.safeParse(cell("medicine_id"));
      if (!id.success) return fail("medicine_id", cell("medicine_id") ? firstIssue(id) : "is empty");
      if (!knownMedicine(id.data)) return fail("medicine_id", `${id.data} is not in the medicine master`);
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
  for (const [id, item] of items) {
    const rejectedRow = held.get(id);
    if (rejectedRow === undefined) continue;
    items.delete(id);
    for (const row of item.rows) {
      errors.push({
        row,
        column: "medicine_id",
        reason: `not applied: row ${rejectedRow} of ${id} was rejected, and a medicine's rows are applied together`,
      });
    }
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
