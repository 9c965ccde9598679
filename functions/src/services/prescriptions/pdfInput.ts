import type { PrescriptionPdfInput } from "../../adapters/pdf/prescriptionPdf";
import { ageOn, postalAddress, printedPhone } from "../../domain/prescriptions/document";
import { wallTimeOf } from "../../domain/scheduling/slots";
import type { PrescriptionContent } from "../../domain/prescriptions/signing";
import type { Language } from "../../schemas/common";

/**
 * What the PDF prints, from the signed content and, beside it, what the prescription's clinic and
 * doctor have on file when it is rendered (the clinic's address and phone, the doctor's
 * qualification): none of these are signed, and each is left out when absent. The number printed
 * is the short code (`7KD-Q2M-9XW`) when the prescription has one, else its id.
 */
export function pdfInputFor(
  content: PrescriptionContent,
  extra: {
    language: Language;
    timezone: string;
    patient: { dateOfBirth?: string; sex?: string };
    clinic?: { address?: Record<string, string>; phone?: string } | null;
    doctor?: { qualification?: string } | null;
    /** The short code, grouped; absent on prescriptions from before short codes. */
    number?: string;
    verification: PrescriptionPdfInput["verification"];
  },
): PrescriptionPdfInput {
  const issuedAt = new Date(content.issuedAt);
  const address = postalAddress(extra.clinic?.address);
  const phone = printedPhone(extra.clinic?.phone);
  const qualification = extra.doctor?.qualification?.trim();
  return {
    prescriptionNumber: extra.number ?? content.id,
    language: extra.language,
    issuedAt,
    timezone: extra.timezone,
    clinic: { name: content.orgName, ...(address ? { address } : {}), ...(phone ? { phone } : {}) },
    doctor: {
      name: content.doctorName,
      registrationNumber: content.registrationNumber,
      ...(qualification ? { qualification } : {}),
    },
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
