import { z } from "zod";
import { instant } from "./common";

/** What `registerPatient` answers. */
export const registerPatientResponseSchema = z.strictObject({
  patientUid: z.string(),
  status: z.literal("pending"),
});

/** A code went to the number (the patient's, or the dependant's new one), valid until `expiresAt`. */
const codeSentSchema = z.strictObject({ status: z.literal("sent"), expiresAt: instant });

/** What `requestCareConsent` answers. */
export const requestCareConsentResponseSchema = codeSentSchema;

/** What `attestCareConsent` answers. */
export const attestCareConsentResponseSchema = z.strictObject({
  status: z.literal("active"),
  patientUid: z.string(),
});

/** What `confirmCareConsent` answers. */
export const confirmCareConsentResponseSchema = z.strictObject({
  status: z.literal("confirmed"),
  patientUid: z.string(),
  helperUid: z.string(),
});

/** What `revokeCareLink` answers. */
export const revokeCareLinkResponseSchema = z.strictObject({
  status: z.literal("revoked"),
  patientUid: z.string(),
  helperUid: z.string(),
});

/** What `addDependant` answers. */
export const addDependantResponseSchema = z.strictObject({ dependantUid: z.string() });

/** What `startHandover` answers. */
export const startHandoverResponseSchema = codeSentSchema;

/** What `completeHandover` answers. */
export const completeHandoverResponseSchema = z.strictObject({
  status: z.literal("handedOver"),
  dependantUid: z.string(),
});
