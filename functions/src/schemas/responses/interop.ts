import type { Bundle } from "@medplum/fhirtypes";
import { z } from "zod";

/**
 * A FHIR R4 Bundle, as @medplum/fhirtypes types it. Its structure is FHIR's (validated against the
 * R4 definitions in the FHIR tests, tools/fhirValidation.ts), not restated here: the check is the
 * resource type, and the reference points at the specification.
 */
const fhirBundle = z
  .custom<Bundle>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      (value as { resourceType?: unknown }).resourceType === "Bundle",
    { message: "must be a FHIR Bundle" },
  )
  // The JSON Schema the reference shows (metadata is copied into it as written).
  .meta({
    description: "A FHIR R4 Bundle: https://hl7.org/fhir/R4/bundle.html",
    type: "object",
    properties: { resourceType: { const: "Bundle" } },
    required: ["resourceType"],
  });

/** What `readPatientFhir` answers. */
export const readPatientFhirResponseSchema = z.strictObject({
  bundle: fhirBundle,
  documents: z.array(fhirBundle),
  problems: z.array(z.strictObject({ resource: z.string(), field: z.string(), problem: z.string() })),
});
