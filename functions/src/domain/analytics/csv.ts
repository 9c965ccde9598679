/**
 * CSV text for admin exports (RFC 4180): a header row, CRLF line ends, and a field quoted when
 * it holds a comma, a double quote, CR or LF, with inner quotes doubled.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some treat a
 * leading tab or CR the same way): an id or reason typed by someone else could then run
 * `=HYPERLINK(...)` on the admin's machine. Such text cells get a leading `'`, which the
 * spreadsheet shows as text (OWASP "CSV injection"). Numbers are written as numbers, so -3 stays
 * -3; only strings are guarded.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, guarded against formulas and quoted when needed. */
export function csvField(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV, the columns in the given order (a missing key is an empty field). Ends with a
 * line break after the last row, as most tools write.
 */
export function toCsv<K extends string>(
  rows: ReadonlyArray<Partial<Record<K, CsvValue>>>,
  columns: readonly K[],
): string {
  if (columns.length === 0) throw new RangeError("a CSV needs at least one column");
  const lines = [columns.map((c) => csvField(c)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
