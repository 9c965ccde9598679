import { interopCallable } from "./areas";
import { roles } from "./define";

/** Interoperability: the record as FHIR R4 for others who treat the patient. handlers/interop/. */
export const INTEROP_CALLABLES = [
  interopCallable({
    name: "readPatientFhir",
    summary:
      "A patient's record as FHIR R4 (resources and ABDM OPConsultation / Prescription documents), limited to what the caller's consent covers; every document read is logged.",
    who: "a doctor holding the patient's active consent, by name or through their organisation",
    rateLimit: "fhirRead",
    allow: { check: roles("doctor"), denied: "only doctors read a patient's record as FHIR" },
    timeoutSeconds: 120,
    handler: () => import("../handlers/interop/readPatientFhir").then((m) => m.readPatientFhir),
  }),
];
