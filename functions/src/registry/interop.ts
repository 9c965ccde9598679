import { defineCallable, roles } from "./define";

/** Interoperability: the record as FHIR R4 for others who treat the patient. handlers/interop/. */
export const INTEROP_CALLABLES = [
  defineCallable({
    name: "readPatientFhir",
    summary:
      "A patient's record as FHIR R4 (resources and ABDM OPConsultation / Prescription documents), limited to what the caller's consent covers; every document read is logged.",
    who: "a doctor holding the patient's active consent, by name or through their organisation",
    request: () => import("../schemas/interop").then((m) => m.readPatientFhirRequestSchema),
    rateLimit: "fhirRead",
    allow: { check: roles("doctor"), denied: "only doctors read a patient's record as FHIR" },
    timeoutSeconds: 120,
    response: () => import("../schemas/responses/interop").then((m) => m.readPatientFhirResponseSchema),
    handler: () => import("../handlers/interop/readPatientFhir").then((m) => m.readPatientFhir),
  }),
];
