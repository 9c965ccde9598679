import { z } from "zod";
import { medicineDocSchema } from "../documents/medicines";
import { instant } from "./common";

/** What `upsertMedicine` answers. */
export const upsertMedicineResponseSchema = z.strictObject({ medicineId: z.string(), created: z.boolean() });

/** A medicine of the master as the search shows it: the stored entry without its search keys and time. */
const medicineSchema = z.strictObject(
  medicineDocSchema.omit({ words: true, prefixes: true, updatedAt: true }).shape,
);

/** What `searchMedicines` answers. */
export const searchMedicinesResponseSchema = z.strictObject({ medicines: z.array(medicineSchema) });

/** What `setStockItem` answers. */
export const setStockItemResponseSchema = z.strictObject({
  medicineId: z.string(),
  changed: z.boolean(),
  quantity: z.number(),
  state: z.enum(["out", "in_stock", "low"]),
});

/** What `importStockCsv` answers. */
export const importStockCsvResponseSchema = z.strictObject({
  importId: z.string(),
  dataRows: z.number(),
  appliedRows: z.number(),
  rejectedRows: z.number(),
  medicines: z.strictObject({ changed: z.number(), unchanged: z.number() }),
  errors: z.array(z.strictObject({ row: z.number(), column: z.string(), reason: z.string() })),
  ignoredColumns: z.array(z.string()),
  errorsTruncated: z.boolean().optional(),
});

/** What `findPharmacies` answers. */
export const findPharmaciesResponseSchema = z.strictObject({
  pharmacies: z.array(
    z.strictObject({
      pharmacyId: z.string(),
      name: z.string(),
      phone: z.string().optional(),
      address: z.record(z.string(), z.string()).optional(),
      location: z.strictObject({ lat: z.number(), lng: z.number() }),
      distanceKm: z.number(),
      fill: z
        .strictObject({
          complete: z.boolean(),
          available: z.array(z.strictObject({ medicineId: z.string(), name: z.string() })),
          missing: z.array(z.strictObject({ medicineId: z.string(), name: z.string() })),
          unitPriceTotalInr: z.number(),
        })
        .optional(),
      openNow: z.boolean(),
      closesAt: z.string().nullable(),
      opensAt: z.string().nullable(),
    }),
  ),
  matched: z.number(),
  documentsRead: z.strictObject({ pharmacies: z.number(), stock: z.number() }),
  unmatchedLines: z.array(z.string()).optional(),
});

/** What `reserveMedicines` answers. */
export const reserveMedicinesResponseSchema = z.strictObject({
  reservationId: z.string(),
  holdUntil: instant,
  lines: z.array(z.strictObject({ line: z.number(), medicineId: z.string(), quantity: z.number() })),
});

/** What `decideReservation` answers. */
export const decideReservationResponseSchema = z.strictObject({
  reservationId: z.string(),
  status: z.string(),
});
