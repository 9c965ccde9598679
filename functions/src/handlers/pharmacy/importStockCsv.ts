import { createHash } from "node:crypto";
import { FieldValue } from "firebase-admin/firestore";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import {
  CsvFileError,
  medicineIdsIn,
  readStockCsv,
  validateStockRows,
  type RowError,
} from "../../domain/pharmacy/csvImport";
import { recordAudit } from "../../repo/audit";
import { applyStockItems, importRef } from "../../repo/inventory";
import { existingMedicineIds } from "../../repo/medicines";
import { importStockCsvRequestSchema } from "../../schemas/pharmacy";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";
import { pharmacyToday, requireStockManager } from "./access";

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
export async function importStockCsv(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<ImportResult> {
  const actor = await requireActor(request);
  const input = parseRequest(importStockCsvRequestSchema, request.data);
  const pharmacy = await requireStockManager(actor, input.pharmacyId);
  const today = pharmacyToday(pharmacy, now);

  let read;
  try {
    read = readStockCsv(input.csv);
  } catch (error) {
    if (error instanceof CsvFileError) throw new HttpsError("invalid-argument", `csv: ${error.message}`);
    throw error;
  }
  const known = await existingMedicineIds(medicineIdsIn(read));
  const parsed = validateStockRows(read, (id) => known.has(id), today);
  const importId = createHash("sha256").update(`${pharmacy.id}\n${input.csv}`).digest("hex").slice(0, 32);
  const ref = importRef(pharmacy.id, importId);
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
  await ref.set({
    ...summary,
    status: "running",
    processedItems: 0,
    changedItems: 0,
    unchangedItems: 0,
    startedAt: now,
    finishedAt: null,
  });

  let applied;
  try {
    applied = await applyStockItems(pharmacy, parsed.items, today, now, (batch, p) => {
      batch.update(ref, {
        processedItems: p.done,
        changedItems: p.changed,
        unchangedItems: p.unchanged,
        progressAt: FieldValue.serverTimestamp(),
      });
    });
  } catch (error) {
    await ref.update({ status: "failed", finishedAt: new Date() });
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
  await ref.update({
    status: "done",
    processedItems: applied.done,
    changedItems: applied.changed,
    unchangedItems: applied.unchanged,
    finishedAt: new Date(),
  });
  if (applied.changed) {
    await recordAudit(
      {
        action: "stock.imported",
        actor,
        org: pharmacy.org,
        target: { type: "stockImport", id: `${pharmacy.id}/${importId}` },
        origin: requestOrigin(request),
      },
      now,
    );
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
