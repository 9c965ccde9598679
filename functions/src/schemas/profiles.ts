import { z } from "zod";
import { verhoeffValid } from "./checksums";
import {
  addressSchema,
  geoPointInputSchema,
  isoDateSchema,
  languageSchema,
  personNameSchema,
  phoneSchema,
  timezoneSchema,
} from "./common";

/**
 * The shapes here mirror the field checks in firestore.rules: owners write their own
 * profile directly under the rules, functions validate the same shape with zod.
 */

export const SEXES = ["female", "male", "other"] as const;

/**
 * ABHA (Ayushman Bharat Health Account) number: 14 digits, written XX-XXXX-XXXX-XXXX, the last a
 * Verhoeff check digit (firestore.rules checks the same), so a mistyped digit is caught on entry.
 */
export const abhaNumberSchema = z
  .string()
  .regex(/^\d{2}-\d{4}-\d{4}-\d{4}$/, "must be an ABHA number written XX-XXXX-XXXX-XXXX")
  .refine((s) => verhoeffValid(s.replace(/-/g, "")), "is not a valid ABHA number: check the digits");

/**
 * A date of birth: a real calendar date from 1900. firestore.rules also refuses one after today
 * (this schema has no clock).
 */
export const dateOfBirthSchema = isoDateSchema.refine(
  (date) => Number(date.slice(0, 4)) >= 1900,
  "must be 1900 or later",
);

export const patientProfileSchema = z.strictObject({
  name: personNameSchema,
  dateOfBirth: dateOfBirthSchema,
  sex: z.enum(SEXES),
  phone: phoneSchema,
  address: addressSchema,
  language: languageSchema,
  abhaNumber: abhaNumberSchema.optional(),
  /** How reminders reach the patient; SMS when not set. */
  notifyBy: z.enum(["sms", "whatsapp"]).optional(),
});
export type PatientProfile = z.infer<typeof patientProfileSchema>;

/** Two-letter language codes a doctor consults in (ISO 639-1). */
const spokenLanguageSchema = z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code");

/** What a doctor submits when applying; it becomes the doctor profile on approval. */
export const doctorApplicationProfileSchema = z.strictObject({
  name: personNameSchema,
  specialties: z.array(z.string().trim().min(2).max(60)).min(1).max(10),
  registrationNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/-]{3,30}$/, "must be a medical council registration number"),
  /** Printed beside the name on prescriptions ("MBBS, MD (Medicine)"). */
  qualification: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{M}0-9 .,()&/'-]{2,80}$/u, "must be degrees such as MBBS, MD (Medicine)")
    .optional(),
  feeInr: z.number().int().min(0).max(100_000),
  languages: z.array(spokenLanguageSchema).min(1).max(10),
  timezone: timezoneSchema,
  bio: z.string().trim().max(1000).optional(),
});
export type DoctorApplicationProfile = z.infer<typeof doctorApplicationProfileSchema>;

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time written HH:MM");
const openingIntervalSchema = z
  .strictObject({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, "must open before it closes");

/** Opening hours per weekday in the pharmacy's timezone; a missing day is closed. */
export const openingHoursSchema = z
  .partialRecord(z.enum(DAYS), z.array(openingIntervalSchema).max(3))
  .superRefine((hours, ctx) => {
    for (const [day, intervals] of Object.entries(hours)) {
      const sorted = [...(intervals ?? [])].sort((a, b) => a.open.localeCompare(b.open));
      for (let i = 1; i < sorted.length; i += 1) {
        if (sorted[i].open < sorted[i - 1].close) {
          ctx.addIssue({ code: "custom", path: [day], message: "intervals overlap" });
        }
      }
    }
  });

/** What a pharmacist submits when applying; it becomes the pharmacy on approval. */
export const pharmacyApplicationProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  licenceNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/ -]{3,40}$/, "must be a drug licence number"),
  phone: phoneSchema,
  address: addressSchema,
  location: geoPointInputSchema,
  openingHours: openingHoursSchema,
  timezone: timezoneSchema.default("Asia/Kolkata"),
});
export type PharmacyApplicationProfile = z.infer<typeof pharmacyApplicationProfileSchema>;

/**
 * What a health worker or front desk submits when applying (issue 15): a name the patients they
 * help see on their list of helpers, and what they do there.
 */
export const healthWorkerApplicationProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  title: z.enum(["asha", "anm", "frontDesk", "other"]),
});
export type HealthWorkerApplicationProfile = z.infer<typeof healthWorkerApplicationProfileSchema>;
