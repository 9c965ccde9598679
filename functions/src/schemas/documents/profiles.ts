import { z } from "zod";
import { timestampSchema } from "./stored";

/**
 * Profiles as stored. Their owners write some fields directly under firestore.rules, so a reader
 * checks what it relies on and keeps the rest as it is (loose objects): a field the rules let
 * through that no reader needs never makes a profile unreadable.
 */

/** patients/{uid}: the patient's own profile (schemas/profiles.ts holds what they may write). */
export const patientDocSchema = z.looseObject({
  name: z.string().optional(),
  dateOfBirth: z.string().optional(),
  sex: z.string().optional(),
  phone: z.string().optional(),
  language: z.string().optional(),
  notifyBy: z.enum(["sms", "whatsapp"]).optional(),
  abhaNumber: z.string().optional(),
  /** The chart shows the village (docs/patient-chart.md); an unreadable address reads as absent. */
  address: z
    .looseObject({ village: z.string().optional(), district: z.string().optional() })
    .optional()
    .catch(undefined),
  updatedAt: timestampSchema.optional(),
});
export type PatientDoc = z.infer<typeof patientDocSchema>;

/**
 * doctors/{uid}: created on approval; the doctor edits name, specialties, fee, languages, timezone,
 * bio. No function reads the practice fields other than the name, so one that does not have its
 * shape (written before the rules checked it) reads as absent instead of making the doctor
 * unreadable: prescribing, consents and an admin's suspension keep working.
 */
export const doctorDocSchema = z.looseObject({
  name: z.string(),
  org: z.string(),
  status: z.string(),
  timezone: z.string().optional().catch(undefined),
  registrationNumber: z.string().optional(),
  /** Degrees, printed beside the name on prescriptions; from the application. */
  qualification: z.string().optional().catch(undefined),
  specialties: z.array(z.string()).optional().catch(undefined),
  languages: z.array(z.string()).optional().catch(undefined),
  feeInr: z.number().optional().catch(undefined),
  bio: z.string().optional().catch(undefined),
});
export type DoctorDoc = z.infer<typeof doctorDocSchema>;
