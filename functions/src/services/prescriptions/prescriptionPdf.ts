import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { renderPrescriptionPdf } from "../../adapters/pdf/prescriptionPdf";
import { saveBuffer } from "../../adapters/storage/bucket";
import { publicApiBase, publicSiteBase } from "../../config/prescriptions";
import { parseShortCode, verificationPageUrl } from "../../domain/prescriptions/shortCode";
import { qrPayload } from "../../domain/prescriptions/signing";
import { getAppointment } from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import { getOrganisation } from "../../repo/organisations";
import { getPatient } from "../../repo/patients";
import { getPrescription, updatePrescription, type PrescriptionDoc } from "../../repo/prescriptions";
import { runTransaction } from "../../repo/transaction";
import { languageSchema } from "../../schemas/common";
import { pdfInputFor } from "./pdfInput";

/**
 * The prescription's PDF (QR and verification code, in the patient's language) in Cloud Storage at
 * its `pdfPath`. issuePrescription answers the doctor without it (`pdfPending`): fonts, shaping and
 * pdfkit cost about a second on a cold instance, three times all the rest of the call. The first
 * that needs the file renders and stores it: the SMS with the patient's link (sent right after
 * the issue, handlers/notifications/send.ts), a link (prescriptionLink), an export. Rendering is
 * deterministic, so two at once store the same bytes. From the signed content, the verification
 * code, the appointment's timezone, the patient's date of birth and sex, the clinic's address and
 * phone and the doctor's qualification as stored now.
 * Returns false when there is no such prescription.
 */
export async function ensurePrescriptionPdf(id: string, known?: PrescriptionDoc | null): Promise<boolean> {
  const rx = known === undefined ? await getPrescription(id) : known;
  if (!rx) return false;
  if (!rx.pdfPending) return true;
  const [appointment, patient, organisation, doctor] = await Promise.all([
    getAppointment(rx.appointmentId),
    getPatient(rx.patientUid),
    getOrganisation(rx.org),
    getDoctor(rx.doctorUid),
  ]);
  const base = publicApiBase().replace(/\/+$/, "");
  const site = publicSiteBase();
  // A short code opens the verification page; a prescription from before short codes keeps its
  // id-and-signature QR (the JSON check at /api/rx/verify).
  const short = parseShortCode(rx.verificationCode) !== null;
  const pdf = await renderPrescriptionPdf(
    pdfInputFor(rx.content, {
      language: languageSchema.catch("en").parse(rx.language),
      timezone: appointment?.timezone ?? "Asia/Kolkata",
      patient: { dateOfBirth: patient?.dateOfBirth, sex: patient?.sex },
      clinic: organisation,
      doctor,
      ...(short ? { number: rx.verificationCode } : {}),
      verification: {
        code: rx.verificationCode,
        qrPayload: short ? verificationPageUrl(site, rx.verificationCode) : qrPayload(base, id, rx.signature),
        verifyUrl: short ? `${site}/v` : `${base}/rx/verify`,
      },
    }),
  );
  await saveBuffer(rx.pdfPath, pdf, "application/pdf", { prescriptionId: id });
  await runTransaction(async (tx) =>
    updatePrescription(tx, id, {
      pdfPending: FieldValue.delete(),
      pdfBytes: pdf.length,
      pdfStoredAt: Timestamp.now(),
    }),
  );
  logger.info("prescription.pdfStored", { prescriptionId: id, pdfBytes: pdf.length });
  return true;
}
