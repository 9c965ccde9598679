import { createHash } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import {
  CsvFileError,
  medicineIdsIn,
  readStockCsv,
  validateStockRows,
  type RowError,
} from "../../domain/pharmacy/csvImport";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import { setStockImport, setStockItems, updateStockImport } from "../../repo/inventory";
import { findExistingMedicineIds } from "../../repo/medicines";
import type { ImportStockCsvRequest } from "../../schemas/pharmacy";
import { managedPharmacy, pharmacyToday } from "../../services/pharmacy/managedPharmacy";

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
}

/**
 * Imports a pharmacy's stock from CSV. Every row is validated first; bad rows are reported
 * (row, column, reason) and not applied; good rows are written in batches of at most 500
 * operations. Progress is written to `pharmacies/{id}/imports/{importId}` after each batch, for
 * clients listening to it. The import id is the hash of the pharmacy and the file, and items
 * equal to what is stored are skipped, so importing the same file again writes no stock.
 */
export async function importStockCsv({
  actor,
  input,
  now,
  origin,
}: Call<ImportStockCsvRequest>): Promise<ImportResult> {
  const pharmacy = await managedPharmacy(actor, input.pharmacyId);
  const today = pharmacyToday(pharmacy, now);

  let read;
  try {
    read = readStockCsv(input.csv);
  } catch (error) {
    if (error instanceof CsvFileError) throw new HttpsError("invalid-argument", `csv: ${error.message}`);
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
    applied = await setStockItems({ pharmacy, items: parsed.items, today, now, importId });
  } catch (error) {
    await updateStockImport(pharmacy.id, importId, { status: "failed", finishedAt: Timestamp.now() });
    logger.error("stock.import.failed", {
      pharmacyId: pharmacy.id,
      importId,
      error: (error as Error).message,
    });
    throw new HttpsError(
      "unavailable",
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
  if (applied.changed) {
    // TODO(issue 13): the audit entry is written after the stock's batches, not with them.
    const target = { type: "stockImport", id: `${pharmacy.id}/${importId}` };
    await createAuditEntry({ action: "stock.imported", actor, org: pharmacy.org, target, origin }, now);
  }
  logger.info("stock.import.done", {
    pharmacyId: pharmacy.id,
    importId,
    changed: applied.changed,
    unchanged: applied.unchanged,
  });
  return {
    importId,
    dataRows: parsed.dataRows,
    appliedRows: validRows,
    rejectedRows: parsed.errors.length,
    medicines: { changed: applied.changed, unchanged: applied.unchanged },
    errors: parsed.errors,
    ignoredColumns: parsed.ignoredColumns,
  };
}
