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
  updatedAt: timestampSchema.optional(),
});
export type PatientDoc = z.infer<typeof patientDocSchema>;

/** doctors/{uid}: created on approval; the doctor edits name, specialties, fee, languages, timezone, bio. */
export const doctorDocSchema = z.looseObject({
  name: z.string(),
  org: z.string(),
  status: z.string(),
  timezone: z.string().optional(),
  registrationNumber: z.string().optional(),
  specialties: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  feeInr: z.number().optional(),
  bio: z.string().optional(),
});
export type DoctorDoc = z.infer<typeof doctorDocSchema>;
