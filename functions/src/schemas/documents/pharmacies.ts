import type { GeoPoint } from "firebase-admin/firestore";
import { z } from "zod";
import { timezoneSchema } from "../common";
import { openingHoursSchema } from "../profiles";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * pharmacies/{id} and its subcollections. The pharmacy is created on approval; its pharmacist
 * edits name, phone and opening hours under firestore.rules, so the profile is a loose object
 * checked for what readers rely on. Stock (inventory, stock) and import reports are written by
 * functions only.
 */

/** A Firestore GeoPoint as the Admin SDK reads it. */
const geoPointSchema = z.custom<GeoPoint>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as GeoPoint).latitude === "number" &&
    typeof (value as GeoPoint).longitude === "number",
  "must be a geopoint",
);
const latLngSchema = z.object({ lat: z.number(), lng: z.number() });

const openingIntervalSchema = z.object({ open: z.string(), close: z.string() });

export const pharmacyDocSchema = z.looseObject({
  name: z.string(),
  status: z.string(),
  org: z.string(),
  ownerUid: z.string().optional(),
  licenceNumber: z.string().optional(),
  phone: z.string().optional(),
  address: z.record(z.string(), z.string()).optional(),
  /** A GeoPoint as approval writes it; a plain {lat, lng} in data written before. */
  location: z.union([geoPointSchema, latLngSchema]),
  geohash: z.string().optional(),
  openingHours: z.record(z.string(), z.array(openingIntervalSchema)).optional(),
  timezone: z.string().optional(),
  approvedAt: timestampSchema.optional(),
  approvedBy: z.string().optional(),
  updatedAt: timestampSchema.optional(),
});
export type PharmacyDoc = z.infer<typeof pharmacyDocSchema>;

/**
 * A pharmacy as the nearby search reads it: its opening hours and zone as strict as a pharmacist
 * may write them (openingHoursSchema, timezoneSchema; firestore.rules isOpeningHours mirrors
 * them), because the search works out whether each one is open. Hours it cannot read ("9am", a
 * string for a day) or a zone ICU does not know make the pharmacy malformed for the search, which
 * leaves it out (and logs it) instead of failing for everyone around it. Reads of one pharmacy
 * (its pharmacist's stock, an admin's suspension) keep the looser schema above: they do not
 * compute opening hours, and a bad field must not lock the pharmacy's own people out.
 */
export const listedPharmacyDocSchema = pharmacyDocSchema.extend({
  openingHours: openingHoursSchema.optional(),
  timezone: timezoneSchema.optional(),
});

const batchSchema = z.object({ batch: z.string(), expiry: z.string(), quantity: z.number() });
const stockStateSchema = z.enum(["in_stock", "low", "out"]);

/** pharmacies/{id}/inventory/{medicineId}: the private side (domain/pharmacy/stock.ts builds it). */
export const inventoryDocSchema = z.object({
  pharmacyId: storedIdSchema,
  medicineId: storedIdSchema,
  batches: z.array(batchSchema).default([]),
  pricePaise: z.number().optional(),
  lowStockThreshold: z.number().optional(),
  quantity: z.number().optional(),
  state: stockStateSchema.optional(),
  changesAfter: z.string().nullable().optional(),
  /** When the derived state must be recomputed; null if never. */
  changesAt: timestampSchema.nullable().optional(),
  timezone: z.string().optional(),
  stateAsOf: z.string().optional(),
  /** Units held for reservations (repo/reservations.ts): counted in `quantity`, not for sale. */
  held: z.number().optional(),
  updatedAt: timestampSchema.optional(),
});
export type InventoryDoc = z.infer<typeof inventoryDocSchema>;

/** pharmacies/{id}/stock/{medicineId}: what any signed-in user may see of an item. */
export const publicStockDocSchema = z.object({
  pharmacyId: storedIdSchema,
  medicineId: storedIdSchema,
  inStock: z.boolean(),
  inStockUntil: z.string().nullable(),
  pricePaise: z.number(),
  updatedAt: timestampSchema,
});
export type PublicStockDoc = z.infer<typeof publicStockDocSchema>;

const rowErrorSchema = z.object({ row: z.number(), column: z.string(), reason: z.string() });

/** pharmacies/{id}/imports/{importId}: a CSV import's report, updated as it runs. */
export const stockImportDocSchema = z.object({
  importId: z.string(),
  pharmacyId: storedIdSchema,
  by: z.string(),
  dataRows: z.number(),
  validRows: z.number(),
  rejectedRows: z.number(),
  totalItems: z.number(),
  errors: z.array(rowErrorSchema),
  errorsTruncated: z.boolean(),
  status: z.enum(["running", "done", "failed"]),
  processedItems: z.number(),
  changedItems: z.number(),
  unchangedItems: z.number(),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  progressAt: timestampSchema.optional(),
});
export type StockImportDoc = z.infer<typeof stockImportDocSchema>;
