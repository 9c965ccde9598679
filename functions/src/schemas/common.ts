import { z } from "zod";

/** Languages the product speaks to patients in: English, Hindi, Punjabi. */
export const LANGUAGES = ["en", "hi", "pa"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** E.164 phone number, e.g. +919812345678. */
export const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 number such as +919812345678");

/** A calendar date written YYYY-MM-DD that exists (no 2026-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const [y, m, d] = value.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "is not a real calendar date");

/** Zones already found valid: stored documents are checked on every read, ICU is asked once. */
const knownZones = new Set<string>();

/** An IANA timezone name that this runtime's ICU knows, e.g. Asia/Kolkata. */
export const timezoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    if (knownZones.has(zone)) return true;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      const ok = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
      if (ok) knownZones.add(zone);
      return ok;
    } catch {
      return false;
    }
  }, "is not a known IANA timezone");

/** An Indian postal address. */
export const addressSchema = z.strictObject({
  line1: z.string().trim().min(1).max(120),
  line2: z.string().trim().max(120).optional(),
  village: z.string().trim().max(80).optional(),
  district: z.string().trim().min(1).max(80),
  state: z.string().trim().min(1).max(80),
  pincode: z.string().regex(/^[1-9]\d{5}$/, "must be a 6-digit PIN code"),
});

export const geoPointInputSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/**
 * Firestore document ids this API accepts from clients. Besides `/`, `.` and `..` (refused by the
 * character set), Firestore reserves ids that match `__.*__`: the SDK throws on them, which would
 * surface as `internal` from deep inside a handler instead of `invalid-argument` here.
 */
export const docIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a document id (letters, digits, _ and -)")
  .refine((id) => !/^__.*__$/.test(id), "must be a document id (Firestore reserves __…__)");

export const personNameSchema = z.string().trim().min(1).max(100);

/**
 * The paging fields of a list request, spread at the end of its object: `pageSize` (1 to `max`,
 * `fallback` when omitted) and `cursor`, the `nextCursor` of the previous page.
 */
export const pageFields = (fallback: number, max: number) => ({
  pageSize: z.number().int().min(1).max(max).default(fallback),
  cursor: docIdSchema.optional(),
});

/** A client-chosen key (for example a UUID) that makes a retried call return the first result. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8 to 64 letters, digits, _ or -");

/**
 * The optional idempotency key of a request that changes something: `...idempotencyFields` in
 * its object. A retry with the same key returns the first answer (repo/idempotency.ts).
 */
export const idempotencyFields = { idempotencyKey: idempotencyKeySchema.optional() };
