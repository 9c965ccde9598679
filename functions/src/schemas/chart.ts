import { z } from "zod";
import { docIdSchema, isoDateSchema } from "./common";

/**
 * The patient's chart (docs/patient-chart.md): the health summary's entries as a client submits
 * them, and the requests of the chart's callables.
 */

export const BLOOD_GROUPS = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"] as const;
export const ALLERGY_SEVERITIES = ["mild", "moderate", "severe"] as const;
export const SUMMARY_KINDS = ["allergy", "condition", "medication", "pregnancy", "bloodGroup"] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];

/** Free text of a summary entry: trimmed, not empty, at most `max` characters. */
const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const allergyEntrySchema = z.strictObject({
  kind: z.literal("allergy"),
  /** What the patient reacts to: "penicillin", "peanuts". */
  substance: text(100),
  reaction: text(200).optional(),
  severity: z.enum(ALLERGY_SEVERITIES).optional(),
});

export const conditionEntrySchema = z.strictObject({
  kind: z.literal("condition"),
  /** A chronic condition: "type 2 diabetes", "hypertension". */
  name: text(120),
  /** Since when (YYYY-MM-DD), not after today (domain/patients/summary.ts). */
  since: isoDateSchema.optional(),
});

export const medicationEntrySchema = z.strictObject({
  kind: z.literal("medication"),
  /** A medicine the patient takes now: "metformin". */
  name: text(120),
  dose: text(60).optional(),
  frequency: text(60).optional(),
});

/** The pregnancy entry's fields (stored entries extend them; the request also checks them together). */
export const pregnancyFieldsSchema = z.strictObject({
  kind: z.literal("pregnancy"),
  pregnant: z.boolean(),
  /** The expected date of delivery, only while pregnant (domain/patients/summary.ts checks it). */
  dueDate: isoDateSchema.optional(),
});

export const pregnancyEntrySchema = pregnancyFieldsSchema.refine(
  (e) => e.pregnant || e.dueDate === undefined,
  {
    path: ["dueDate"],
    message: "only while pregnant",
  },
);

export const bloodGroupEntrySchema = z.strictObject({
  kind: z.literal("bloodGroup"),
  bloodGroup: z.enum(BLOOD_GROUPS),
});

/** One entry of the health summary, as submitted. */
export const summaryEntryInputSchema = z.discriminatedUnion("kind", [
  allergyEntrySchema,
  conditionEntrySchema,
  medicationEntrySchema,
  pregnancyEntrySchema,
  bloodGroupEntrySchema,
]);
export type SummaryEntryInput = z.infer<typeof summaryEntryInputSchema>;

/**
 * Adds an entry to a health summary: the patient to their own (no `patientUid`, or their own),
 * the treating doctor during care to their patient's.
 */
export const addHealthSummaryEntryRequestSchema = z.strictObject({
  patientUid: docIdSchema.optional(),
  entry: summaryEntryInputSchema,
});
export type AddHealthSummaryEntryRequest = z.infer<typeof addHealthSummaryEntryRequestSchema>;

/** A patient's chart, for a doctor treating them or holding their consent. */
export const getPatientChartRequestSchema = z.strictObject({ patientUid: docIdSchema });
export type GetPatientChartRequest = z.infer<typeof getPatientChartRequestSchema>;
