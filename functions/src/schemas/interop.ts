import { z } from "zod";
import { docIdSchema } from "./common";

/** readPatientFhir: a patient's record as FHIR R4, for a doctor who holds their consent. */
export const readPatientFhirRequestSchema = z.strictObject({ patientUid: docIdSchema });
export type ReadPatientFhirRequest = z.infer<typeof readPatientFhirRequestSchema>;
