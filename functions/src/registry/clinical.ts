import { RX_SECRETS } from "../config/prescriptions";
import { defineCallable } from "./define";

/** Clinical records and e-prescriptions: handlers/clinical/, handlers/prescriptions/. */
export const CLINICAL_CALLABLES = [
  defineCallable({
    name: "writeClinicalRecord",
    summary:
      "Writes an appointment's clinical record (SOAP note, diagnoses, vitals); a later write is an amendment with a reason, kept as a new version.",
    who: "the appointment's doctor",
    request: () => import("../schemas/clinical").then((m) => m.writeClinicalRecordRequestSchema),
    handler: () => import("../handlers/clinical/writeClinicalRecord").then((m) => m.writeClinicalRecord),
  }),
  defineCallable({
    name: "issuePrescription",
    summary:
      "Issues a signed prescription with a PDF (QR and verification code) in Cloud Storage, and texts the patient a link.",
    who: "the appointment's doctor",
    request: () => import("../schemas/prescriptions").then((m) => m.issuePrescriptionRequestSchema),
    rateLimit: "prescription",
    secrets: RX_SECRETS,
    // Renders a PDF with embedded fonts: more memory and time than the default.
    memory: "512MiB",
    timeoutSeconds: 120,
    handler: () => import("../handlers/prescriptions/issuePrescription").then((m) => m.issuePrescription),
  }),
  defineCallable({
    name: "prescriptionLink",
    summary: "A short-lived signed link to a prescription's PDF.",
    who: "the patient, the prescriber, and doctors the patient consented to",
    request: () => import("../schemas/prescriptions").then((m) => m.prescriptionLinkRequestSchema),
    handler: () => import("../handlers/prescriptions/prescriptionLink").then((m) => m.prescriptionLink),
  }),
  defineCallable({
    name: "dispensePrescription",
    summary: "Marks a verified prescription dispensed, once: of two pharmacies at the same moment, one wins.",
    who: "pharmacists of an approved pharmacy",
    request: () => import("../schemas/prescriptions").then((m) => m.dispensePrescriptionRequestSchema),
    secrets: RX_SECRETS,
    handler: () =>
      import("../handlers/prescriptions/dispensePrescription").then((m) => m.dispensePrescription),
  }),
] as const;
