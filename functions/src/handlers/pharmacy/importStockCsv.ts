import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import {
  CsvFileError,
  medicineIdsIn,
  readStockCsv,
  validateStockRows,
  type RowError,
} from "../../domain/pharmacy/csvImport";
import type { Call } from "../../registry/define";
import { getRecordedAnswer, createRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import { setStockImport, setStockItems, updateStockImport } from "../../repo/inventory";
import { findExistingMedicineIds } from "../../repo/medicines";
import { runTransaction } from "../../repo/transaction";
import { canonicalJson } from "../../domain/shared/canonical";
import type { ImportStockCsvRequest } from "../../schemas/pharmacy";
import { managedPharmacy, pharmacyToday } from "../../services/pharmacy/managedPharmacy";
import { appError } from "../../schemas/errors";

/** The import document keeps the first errors; the callable answers with all of them. */
const STORED_ERRORS = 200;

export interface ImportResult {
  importId: string;
  dataRows: number;
  appliedRows: number;
  rejectedRows: number;
  medicines: { changed: number; unchanged: number };
  errors: RowError[];
  ignoredColumns: string[];
  /** Only in an answer replayed for an idempotency key: the errors were cut to the first ones. */
  errorsTruncated?: boolean;
}

/** An idempotency record is a Firestore document (at most 1 MiB): a larger answer keeps fewer errors. */
const REMEMBERED_BYTES = 900_000;

/**
 * Imports a pharmacy's stock from CSV. Every row is validated first; bad rows are reported
 * (row, column, reason) and not applied; good rows are written in batches of at most 500
 * operations. Progress is written to `pharmacies/{id}/imports/{importId}` after each batch, for
 * clients listening to it. The import id is the hash of the pharmacy and the file, and items
 * equal to what is stored are skipped, so importing the same file again writes no stock. The
 * audit entry commits with the first batch that changes stock. With an idempotency key, a retry
 * returns the first answer and imports nothing again.
 */
export async function importStockCsv({
  actor,
  input,
  now,
  origin,
}: Call<ImportStockCsvRequest>): Promise<ImportResult> {
  const pharmacy = await managedPharmacy(actor, input.pharmacyId);
  const call: IdempotentCall = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "importStockCsv",
    request: { pharmacyId: input.pharmacyId, csv: input.csv },
  };
  const recorded = await getRecordedAnswer<ImportResult>(call);
  if (recorded) return recorded;
  const today = pharmacyToday(pharmacy, now);

  let read;
  try {
    read = readStockCsv(input.csv);
  } catch (error) {
    if (error instanceof CsvFileError)
      throw appError("invalid-argument", "invalid-request", `csv: ${error.message}`);
    throw error;
  }
  const known = await findExistingMedicineIds(medicineIdsIn(read));
  const parsed = validateStockRows(read, (id) => known.has(id), today);
  const importId = createHash("sha256").update(`${pharmacy.id}\n${input.csv}`).digest("hex").slice(0, 32);
  const validRows = parsed.items.reduce((n, item) => n + item.rows.length, 0);
  const summary = {
    importId,
    pharmacyId: pharmacy.id,
    by: actor.uid,
    dataRows: parsed.dataRows,
    validRows,
    rejectedRows: parsed.errors.length,
    totalItems: parsed.items.length,
    errors: parsed.errors.slice(0, STORED_ERRORS),
    errorsTruncated: parsed.errors.length > STORED_ERRORS,
  };
  logger.info("stock.import.started", {
    pharmacyId: pharmacy.id,
    importId,
    dataRows: parsed.dataRows,
    items: parsed.items.length,
    rejected: parsed.errors.length,
  });
  await setStockImport(pharmacy.id, {
    ...summary,
    status: "running",
    processedItems: 0,
    changedItems: 0,
    unchangedItems: 0,
    startedAt: Timestamp.fromDate(now),
    finishedAt: null,
  });

  let applied;
  try {
    const target = { type: "stockImport", id: `${pharmacy.id}/${importId}` };
    const audit = { action: "stock.imported", actor, org: pharmacy.org, target, origin } as const;
    applied = await setStockItems({ pharmacy, items: parsed.items, today, now, importId, audit });
  } catch (error) {
    await updateStockImport(pharmacy.id, importId, { status: "failed", finishedAt: Timestamp.now() });
    logger.error("stock.import.failed", {
      pharmacyId: pharmacy.id,
      importId,
      error: (error as Error).message,
    });
    throw appError(
      "unavailable",
      "import-interrupted",
      "the import stopped part-way; run it again: rows already applied are skipped",
    );
  }
  await updateStockImport(pharmacy.id, importId, {
    status: "done",
    processedItems: applied.done,
    changedItems: applied.changed,
    unchangedItems: applied.unchanged,
    finishedAt: Timestamp.now(),
  });
  logger.info("stock.import.done", {
    pharmacyId: pharmacy.id,
    importId,
    changed: applied.changed,
    unchanged: applied.unchanged,
  });
  const result: ImportResult = {
    importId,
    dataRows: parsed.dataRows,
    appliedRows: validRows,
    rejectedRows: parsed.errors.length,
    medicines: { changed: applied.changed, unchanged: applied.unchanged },
    errors: parsed.errors,
    ignoredColumns: parsed.ignoredColumns,
  };
  if (!call.key) return result;
  const remembered =
    canonicalJson(result).length <= REMEMBERED_BYTES
      ? result
      : { ...result, errors: result.errors.slice(0, STORED_ERRORS), errorsTruncated: true };
  // Two calls with the same key at once both import (the second finds the stock unchanged); the
  // first to finish is remembered, and both answer with it.
  return runTransaction(async (tx) => {
    const again = await getRecordedAnswer<ImportResult>(call, tx);
    if (again) return again;
    createRecordedAnswer(tx, call, remembered, now);
    return result;
  });
}
