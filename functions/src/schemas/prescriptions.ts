import { z } from "zod";
import { docIdSchema, idempotencyFields, languageSchema } from "./common";
import { MEDICINE_FORMS, medicineIdSchema } from "./pharmacy";

/** Dosage forms: the medicine master's list, so a line can point at a master entry. */
export const FORMS = MEDICINE_FORMS;
export const formSchema = z.enum(FORMS);
export type Form = z.infer<typeof formSchema>;

export const DOSE_UNITS = [
  "tablet",
  "capsule",
  "ml",
  "mg",
  "g",
  "drop",
  "puff",
  "sachet",
  "application",
  "unit",
] as const;
export const doseUnitSchema = z.enum(DOSE_UNITS);
export type DoseUnit = z.infer<typeof doseUnitSchema>;

export const FREQUENCIES = [
  "OD",
  "BD",
  "TDS",
  "QID",
  "HS",
  "Q4H",
  "Q6H",
  "Q8H",
  "SOS",
  "STAT",
  "WEEKLY",
] as const;
export const frequencySchema = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof frequencySchema>;

/**
 * Doses a day for each frequency. STAT is one dose, once (not one a day); WEEKLY is one dose a
 * week; SOS is "as needed", up to the line's own `maxPerDay`.
 */
export const TIMES_PER_DAY = {
  OD: 1,
  BD: 2,
  TDS: 3,
  QID: 4,
  HS: 1,
  Q4H: 6,
  Q6H: 4,
  Q8H: 3,
  STAT: 1,
  WEEKLY: 1 / 7,
  SOS: "as_needed",
} as const satisfies Record<Frequency, number | "as_needed">;

export const ROUTES = [
  "oral",
  "topical",
  "iv",
  "im",
  "sc",
  "inhaled",
  "ophthalmic",
  "otic",
  "nasal",
  "rectal",
  "sublingual",
] as const;
export const routeSchema = z.enum(ROUTES);
export type Route = z.infer<typeof routeSchema>;

/** One medicine on a prescription. Clinical consistency (quantity, bounds, route) is checked by
 *  domain/prescriptions/rules.ts; this schema checks shape and the SOS / STAT field rules. */
export const medicationLineSchema = z
  .strictObject({
    medicineId: medicineIdSchema.optional(),
    name: z.string().trim().min(1).max(120),
    strength: z.string().trim().min(1).max(40),
    form: formSchema,
    dose: z.strictObject({ amount: z.number().positive(), unit: doseUnitSchema }),
    frequency: frequencySchema,
    /** Most doses in a day; only for SOS (as needed), where it is required. */
    maxPerDay: z.number().int().min(1).max(12).optional(),
    route: routeSchema,
    durationDays: z.number().int().min(1).max(365),
    /** Units dispensed: tablets, capsules or sachets; ml for liquids; packs for the rest. */
    quantity: z.number().positive(),
    instructions: z.string().trim().max(200).optional(),
  })
  .superRefine((line, ctx) => {
    if (line.frequency === "SOS" && line.maxPerDay === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["maxPerDay"],
        message: "is required when frequency is SOS (as needed)",
      });
    }
    if (line.frequency !== "SOS" && line.maxPerDay !== undefined) {
      ctx.addIssue({ code: "custom", path: ["maxPerDay"], message: "is only for frequency SOS (as needed)" });
    }
    if (line.frequency === "STAT" && line.durationDays !== 1) {
      ctx.addIssue({ code: "custom", path: ["durationDays"], message: "must be 1 for a STAT (single) dose" });
    }
  });
export type MedicationLine = z.infer<typeof medicationLineSchema>;

/** An Ed25519 signature in base64url: 64 bytes, 86 characters, canonical trailing bits. */
export const rxSignatureSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{85}[AQgw]$/, "must be a prescription signature (86 base64url characters)");

export const issuePrescriptionRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  lines: z.array(medicationLineSchema).min(1, "must list at least one medicine").max(20),
  advice: z.string().trim().max(1000).optional(),
  language: languageSchema.optional(),
  ...idempotencyFields,
});
export type IssuePrescriptionRequest = z.infer<typeof issuePrescriptionRequestSchema>;

/** Query of the public verify link printed as a QR code. Not strict: link wrappers and
 *  messaging apps append their own parameters, which are ignored. */
export const verifyPrescriptionQuerySchema = z.object({ id: docIdSchema, sig: rxSignatureSchema });
export type VerifyPrescriptionQuery = z.infer<typeof verifyPrescriptionQuerySchema>;

/** prescriptionLink: a short-lived link to the prescription's PDF. */
export const prescriptionLinkRequestSchema = z.strictObject({ prescriptionId: docIdSchema });
export type PrescriptionLinkRequest = z.infer<typeof prescriptionLinkRequestSchema>;

/** A medicine given in place of the prescribed one: why, and that the patient agreed. */
export const substitutionSchema = z.strictObject({
  medicineId: medicineIdSchema,
  reason: z.string().trim().min(3).max(300),
  patientAcknowledged: z.literal(true, { error: "the patient must acknowledge a substitution" }),
});

/** One line to dispense now: its index on the prescription and how many units (at most the balance). */
export const dispenseLineSchema = z.strictObject({
  line: z.number().int().min(0).max(49),
  quantity: z.number().int().min(1).max(100000),
  substitute: substitutionSchema.optional(),
});

export type DispenseLine = z.infer<typeof dispenseLineSchema>;

/**
 * dispensePrescription: without `lines`, every line's balance; with them, those lines and
 * quantities (partial dispensing: the balance stays for later, here or at another pharmacy).
 */
export const dispensePrescriptionRequestSchema = z.strictObject({
  prescriptionId: docIdSchema,
  signature: rxSignatureSchema,
  lines: z
    .array(dispenseLineSchema)
    .min(1)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.line)).size === ls.length, "each line at most once")
    .optional(),
});
export type DispensePrescriptionRequest = z.infer<typeof dispensePrescriptionRequestSchema>;
