import type { PrescriptionPdfInput } from "../../adapters/pdf/prescriptionPdf";
import { ageOn } from "../../domain/prescriptions/document";
import { wallTimeOf } from "../../domain/scheduling/slots";
import type { PrescriptionContent } from "../../domain/prescriptions/signing";
import type { Language } from "../../schemas/common";

/** What the PDF prints, from the signed content. */
export function pdfInputFor(
  content: PrescriptionContent,
  extra: {
    language: Language;
    timezone: string;
    patient: { dateOfBirth?: string; sex?: string };
    verification: PrescriptionPdfInput["verification"];
  },
): PrescriptionPdfInput {
  const issuedAt = new Date(content.issuedAt);
  return {
    prescriptionId: content.id,
    language: extra.language,
    issuedAt,
    timezone: extra.timezone,
    clinic: { name: content.orgName },
    doctor: { name: content.doctorName, registrationNumber: content.registrationNumber },
    // Age on the patient's calendar day (the date in the appointment's timezone), not UTC's.
    patient: {
      name: content.patientName,
      age: ageOn(
        extra.patient.dateOfBirth,
        new Date(`${wallTimeOf(issuedAt.getTime(), extra.timezone).localDate}T00:00:00Z`),
      ),
      sex: extra.patient.sex,
    },
    lines: content.lines.map((l) => ({ ...l, dose: { ...l.dose } })),
    advice: content.advice,
    verification: extra.verification,
  };
}
