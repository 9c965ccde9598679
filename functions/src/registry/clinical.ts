import { RX_SECRETS } from "../config/prescriptions";
import { clinicalCallable, prescriptionCallable } from "./areas";

/** Clinical records and e-prescriptions: handlers/clinical/, handlers/prescriptions/. */
export const CLINICAL_CALLABLES = [
  clinicalCallable({
    name: "writeClinicalRecord",
    summary:
      "Writes an appointment's clinical record (SOAP note, diagnoses, vitals); a later write is an amendment with a reason, kept as a new version.",
    who: "the appointment's doctor",
    handler: () => import("../handlers/clinical/writeClinicalRecord").then((m) => m.writeClinicalRecord),
  }),
  prescriptionCallable({
    name: "issuePrescription",
    summary:
      "Issues a signed prescription and texts the patient a link to its PDF (QR and verification code), rendered right after.",
    who: "the appointment's doctor",
    rateLimit: "prescription",
    secrets: RX_SECRETS,
    // More CPU for a cold start than the default's (the PDF is rendered after the answer).
    memory: "512MiB",
    timeoutSeconds: 120,
    handler: () => import("../handlers/prescriptions/issuePrescription").then((m) => m.issuePrescription),
  }),
  prescriptionCallable({
    name: "prescriptionLink",
    summary: "A short-lived signed link to a prescription's PDF.",
    who: "the patient, the prescriber, and doctors the patient consented to",
    // Renders the PDF when nothing has needed it yet (services/prescriptions/prescriptionPdf.ts).
    memory: "512MiB",
    handler: () => import("../handlers/prescriptions/prescriptionLink").then((m) => m.prescriptionLink),
  }),
  prescriptionCallable({
    name: "dispensePrescription",
    summary:
      "Dispenses a verified prescription, whole or some lines (partial), drawing stock earliest expiry first; substitutions recorded; no line beyond its quantity however many counters try at once.",
    who: "pharmacists of an approved pharmacy",
    secrets: RX_SECRETS,
    handler: () =>
      import("../handlers/prescriptions/dispensePrescription").then((m) => m.dispensePrescription),
  }),
] as const;
