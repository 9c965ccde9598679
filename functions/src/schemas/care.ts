import { z } from "zod";
import { docIdSchema, languageSchema, personNameSchema, phoneSchema } from "./common";
import { dateOfBirthSchema, SEXES } from "./profiles";

/** Requests of issue 15's callables: health workers acting for patients, family accounts. */

const codeSchema = z.string().regex(/^\d{6}$/, "must be the six digits of the code");

/** registerPatient: a patient known by their phone number alone, and what the SMS needs. */
export const registerPatientRequestSchema = z.strictObject({
  phone: phoneSchema,
  name: personNameSchema,
  language: languageSchema,
  dateOfBirth: dateOfBirthSchema.optional(),
  sex: z.enum(SEXES).optional(),
});
export type RegisterPatientRequest = z.infer<typeof registerPatientRequestSchema>;

/** requestCareConsent: a code to the patient's number, which the patient confirms. */
export const requestCareConsentRequestSchema = z.strictObject({ patientUid: docIdSchema });
export type RequestCareConsentRequest = z.infer<typeof requestCareConsentRequestSchema>;

/** attestCareConsent: the worker signs that the patient agreed before a witness. */
export const attestCareConsentRequestSchema = z.strictObject({
  patientUid: docIdSchema,
  witnessName: personNameSchema,
  /** What the patient was told and agreed to, in the worker's words. */
  statement: z.string().trim().min(10).max(500),
});
export type AttestCareConsentRequest = z.infer<typeof attestCareConsentRequestSchema>;

/** confirmCareConsent: the patient, signed in by phone, confirms the code they received. */
export const confirmCareConsentRequestSchema = z.strictObject({ code: codeSchema });
export type ConfirmCareConsentRequest = z.infer<typeof confirmCareConsentRequestSchema>;

/** revokeCareLink: the patient ends a helper's authority (or the helper steps down). */
export const revokeCareLinkRequestSchema = z.strictObject({
  patientUid: docIdSchema,
  helperUid: docIdSchema,
});
export type RevokeCareLinkRequest = z.infer<typeof revokeCareLinkRequestSchema>;

/** addDependant: a child or an elderly parent, a patient of their own without a login. */
export const addDependantRequestSchema = z.strictObject({
  name: personNameSchema,
  dateOfBirth: dateOfBirthSchema,
  sex: z.enum(SEXES),
  language: languageSchema,
});
export type AddDependantRequest = z.infer<typeof addDependantRequestSchema>;

/** startHandover: the number the dependant's own login will be; a code goes to it. */
export const startHandoverRequestSchema = z.strictObject({ dependantUid: docIdSchema, phone: phoneSchema });
export type StartHandoverRequest = z.infer<typeof startHandoverRequestSchema>;

/** completeHandover: the code the dependant received, which proves the number is theirs. */
export const completeHandoverRequestSchema = z.strictObject({
  dependantUid: docIdSchema,
  phone: phoneSchema,
  code: codeSchema,
});
export type CompleteHandoverRequest = z.infer<typeof completeHandoverRequestSchema>;
