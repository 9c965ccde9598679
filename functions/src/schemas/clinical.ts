import { z } from "zod";
import { docIdSchema, idempotencyFields } from "./common";

const noteText = z.string().trim().max(4000);

/** SOAP: what the patient says, what the doctor finds, the assessment, the plan. */
export const soapSchema = z
  .strictObject({
    subjective: noteText.default(""),
    objective: noteText.default(""),
    assessment: noteText.default(""),
    plan: noteText.default(""),
  })
  .refine(
    (s) => Object.values(s).some((v) => v.length > 0),
    "write at least one of subjective, objective, assessment, plan",
  );

/**
 * An ICD-10 code in form: a letter (not U, reserved), two digits (the third may be A/B in a few
 * chapters), then optionally a dot and 1–4 characters. `J06.9`, `E11`, `O09.A1`.
 */
export const icd10Schema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-TV-Z]\d[0-9AB](\.[0-9A-TV-Z]{1,4})?$/, "must be an ICD-10 code such as J06.9");

export const diagnosisSchema = z.strictObject({
  code: icd10Schema,
  description: z.string().trim().min(1).max(200),
  primary: z.boolean().default(false),
});

/** Vitals, the unit in each name, within ranges a living patient can have. */
export const vitalsSchema = z
  .strictObject({
    temperatureC: z.number().min(30).max(45).optional(),
    pulseBpm: z.number().int().min(20).max(250).optional(),
    respiratoryRatePerMin: z.number().int().min(4).max(80).optional(),
    systolicMmHg: z.number().int().min(50).max(280).optional(),
    diastolicMmHg: z.number().int().min(20).max(180).optional(),
    spo2Percent: z.number().int().min(50).max(100).optional(),
    weightKg: z.number().min(0.5).max(350).optional(),
    heightCm: z.number().min(30).max(250).optional(),
    bloodGlucoseMgDl: z.number().min(20).max(800).optional(),
  })
  .refine((v) => (v.systolicMmHg === undefined) === (v.diastolicMmHg === undefined), {
    path: ["diastolicMmHg"],
    message: "blood pressure needs both systolic and diastolic",
  })
  .refine(
    (v) => v.systolicMmHg === undefined || v.diastolicMmHg === undefined || v.diastolicMmHg < v.systolicMmHg,
    {
      path: ["diastolicMmHg"],
      message: "must be lower than systolic",
    },
  );

export const writeClinicalRecordRequestSchema = z
  .strictObject({
    appointmentId: docIdSchema,
    soap: soapSchema,
    diagnoses: z.array(diagnosisSchema).max(10).default([]),
    vitals: vitalsSchema.optional(),
    /** Required when the record already exists: an amendment says why. */
    amendmentReason: z.string().trim().min(3).max(500).optional(),
    ...idempotencyFields,
  })
  .refine((r) => new Set(r.diagnoses.map((d) => d.code)).size === r.diagnoses.length, {
    path: ["diagnoses"],
    message: "lists a code twice",
  })
  .refine((r) => r.diagnoses.filter((d) => d.primary).length <= 1, {
    path: ["diagnoses"],
    message: "has more than one primary diagnosis",
  });
export type WriteClinicalRecordRequest = z.infer<typeof writeClinicalRecordRequestSchema>;
