import { z } from "zod";
import { docIdSchema, geoPointInputSchema, idempotencyFields } from "./common";

/** Dosage forms in the medicine master (the same list prescriptions use). */
export const MEDICINE_FORMS = [
  "tablet",
  "capsule",
  "syrup",
  "suspension",
  "injection",
  "ointment",
  "cream",
  "drops",
  "inhaler",
  "sachet",
] as const;
export const medicineFormSchema = z.enum(MEDICINE_FORMS);
export type MedicineForm = z.infer<typeof medicineFormSchema>;

/** Medicine ids are slugs such as `paracetamol-500mg-tablet`. */
export const medicineIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "must be a medicine id such as paracetamol-500mg-tablet");

/** One entry of the medicine master, as a platform admin submits it. */
export const medicineInputSchema = z.strictObject({
  generic: z.string().trim().min(2).max(80),
  brands: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  strength: z.string().trim().min(1).max(40),
  form: medicineFormSchema,
  /** Units in one pack: tablets in a strip, ml in a bottle, grams in a tube, doses in an inhaler. */
  packSize: z.number().int().positive().max(10_000),
  /** Prescription-only (Schedule H / H1) or over the counter. */
  prescriptionOnly: z.boolean().default(true),
});
export type MedicineInput = z.infer<typeof medicineInputSchema>;

export const upsertMedicineRequestSchema = medicineInputSchema;

export const searchMedicinesRequestSchema = z.strictObject({
  query: z.string().trim().min(2, "type at least 2 letters").max(60),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchMedicinesRequest = z.infer<typeof searchMedicinesRequestSchema>;

/** A batch on a pharmacy's shelf. Expiry as printed on Indian packs: a month (valid through its
 *  last day) or a day. */
export const expirySchema = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/,
    "must be an expiry written YYYY-MM or YYYY-MM-DD",
  );

export const batchSchema = z.strictObject({
  batch: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/._-]{1,30}$/, "must be a batch number (letters, digits, / . _ -)"),
  expiry: expirySchema,
  quantity: z.number().int().min(0).max(1_000_000),
});
export type BatchInput = z.infer<typeof batchSchema>;

/** Price in rupees with at most two decimals, stored as paise. */
export const priceInrSchema = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "must have at most two decimals");

export const setStockItemRequestSchema = z
  .strictObject({
    pharmacyId: docIdSchema,
    medicineId: medicineIdSchema,
    batches: z.array(batchSchema).max(50),
    priceInr: priceInrSchema,
    lowStockThreshold: z.number().int().min(0).max(100_000),
  })
  .superRefine((item, ctx) => {
    const seen = new Set<string>();
    item.batches.forEach((b, i) => {
      if (seen.has(b.batch))
        ctx.addIssue({ code: "custom", path: ["batches", i, "batch"], message: "appears twice" });
      seen.add(b.batch);
    });
  });
export type SetStockItemRequest = z.infer<typeof setStockItemRequestSchema>;

/** A CSV file is at most 5 MB and 20,000 rows; larger stock lists are split. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 20_000;

export const importStockCsvRequestSchema = z.strictObject({
  pharmacyId: docIdSchema,
  csv: z.string().min(1, "the file is empty").max(CSV_MAX_BYTES, "the file is larger than 5 MB"),
  ...idempotencyFields,
});
export type ImportStockCsvRequest = z.infer<typeof importStockCsvRequestSchema>;

export const findPharmaciesRequestSchema = z
  .strictObject({
    center: geoPointInputSchema,
    radiusKm: z.number().min(0.1).max(50),
    /** Medicines to fill: pharmacies with all of them come first, then those with some. */
    medicineIds: z.array(medicineIdSchema).min(1).max(20).optional(),
    /** Or a prescription the caller may read: its lines that name a medicine of the master. */
    prescriptionId: docIdSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    openNow: z.boolean().default(false),
  })
  .refine((r) => !r.medicineIds || new Set(r.medicineIds).size === r.medicineIds.length, {
    path: ["medicineIds"],
    message: "lists a medicine twice",
  })
  .refine((r) => !(r.medicineIds && r.prescriptionId), {
    path: ["prescriptionId"],
    message: "give medicineIds or a prescriptionId, not both",
  });
export type FindPharmaciesRequest = z.infer<typeof findPharmaciesRequestSchema>;

/** reserveMedicines: hold every line's balance of the patient's prescription at one pharmacy. */
export const reserveMedicinesRequestSchema = z.strictObject({
  prescriptionId: docIdSchema,
  pharmacyId: docIdSchema,
});
export type ReserveMedicinesRequest = z.infer<typeof reserveMedicinesRequestSchema>;

/** decideReservation: the pharmacist confirms (will hand over) or declines (releases) a hold. */
export const decideReservationRequestSchema = z.strictObject({
  reservationId: docIdSchema,
  decision: z.enum(["confirm", "decline"]),
});
export type DecideReservationRequest = z.infer<typeof decideReservationRequestSchema>;
