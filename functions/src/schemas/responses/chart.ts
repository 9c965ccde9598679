import { z } from "zod";
import { ALLERGY_SEVERITIES, BLOOD_GROUPS, SUMMARY_KINDS } from "../chart";
import { instant } from "./common";
import { recordListingFields } from "./healthRecords";

/** Who recorded a health summary entry, and when. */
const recorded = {
  id: z.string(),
  recordedAt: instant,
  recordedBy: z.string(),
  recordedRole: z.enum(["patient", "doctor"]),
  recordedByName: z.string().nullable(),
  appointmentId: z.string().nullable(),
};

/** One entry of a patient's health summary, of any kind. */
export const summaryEntryViewSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("allergy"),
    substance: z.string(),
    reaction: z.string().optional(),
    severity: z.enum(ALLERGY_SEVERITIES).optional(),
    ...recorded,
  }),
  z.strictObject({
    kind: z.literal("condition"),
    name: z.string(),
    since: z.string().optional(),
    ...recorded,
  }),
  z.strictObject({
    kind: z.literal("medication"),
    name: z.string(),
    dose: z.string().optional(),
    frequency: z.string().optional(),
    ...recorded,
  }),
  z.strictObject({
    kind: z.literal("pregnancy"),
    pregnant: z.boolean(),
    dueDate: z.string().optional(),
    ...recorded,
  }),
  z.strictObject({ kind: z.literal("bloodGroup"), bloodGroup: z.enum(BLOOD_GROUPS), ...recorded }),
]);

const optionalNumber = z.number().optional();

/** What `getPatientChart` answers. */
export const getPatientChartResponseSchema = z.strictObject({
  patientUid: z.string(),
  /** Why the caller may read the chart: an appointment (until its window closes) or a consent. */
  access: z.union([
    z.strictObject({
      basis: z.string(),
      appointmentId: z.string(),
      until: instant,
      consentId: z.undefined().optional(),
    }),
    z.strictObject({
      basis: z.string(),
      consentId: z.string(),
      appointmentId: z.undefined().optional(),
      until: z.undefined().optional(),
    }),
  ]),
  demographics: z.strictObject({
    name: z.string().nullable(),
    age: z.number().nullable(),
    sex: z.string().nullable(),
    language: z.string().nullable(),
    village: z.string().nullable(),
  }),
  summary: z.strictObject({
    allergies: z.array(summaryEntryViewSchema),
    conditions: z.array(summaryEntryViewSchema),
    medications: z.array(summaryEntryViewSchema),
    pregnancy: summaryEntryViewSchema.nullable(),
    bloodGroup: summaryEntryViewSchema.nullable(),
  }),
  consultations: z.array(
    z.strictObject({
      appointmentId: z.string(),
      doctorUid: z.string(),
      writtenAt: instant,
      soap: z.strictObject({
        subjective: z.string(),
        objective: z.string(),
        assessment: z.string(),
        plan: z.string(),
      }),
      diagnoses: z.array(z.strictObject({ code: z.string(), description: z.string(), primary: z.boolean() })),
      vitals: z
        .strictObject({
          temperatureC: optionalNumber,
          pulseBpm: optionalNumber,
          respiratoryRatePerMin: optionalNumber,
          systolicMmHg: optionalNumber,
          diastolicMmHg: optionalNumber,
          spo2Percent: optionalNumber,
          weightKg: optionalNumber,
          heightCm: optionalNumber,
          bloodGlucoseMgDl: optionalNumber,
        })
        .nullable(),
    }),
  ),
  records: z.array(z.strictObject(recordListingFields)),
});

/** What `addHealthSummaryEntry` answers. */
export const addHealthSummaryEntryResponseSchema = z.strictObject({
  entryId: z.string(),
  kind: z.enum(SUMMARY_KINDS),
  recordedBy: z.string(),
  recordedRole: z.enum(["patient", "doctor"]),
  recordedAt: instant,
});
