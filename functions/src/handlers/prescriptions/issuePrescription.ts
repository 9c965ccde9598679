import { Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { isTreatingDoctor } from "../../authz/clinical";
import { prescriptionSigningKey, RX_SMS_LINK_HOURS } from "../../config/prescriptions";
import { checkPrescriptionLines, describeProblems } from "../../domain/prescriptions/rules";
import {
  signPrescription,
  verificationCode,
  type PrescriptionContent,
} from "../../domain/prescriptions/signing";
import { withoutTitle } from "../../domain/notifications/templates";
import { prescriptionMessageId } from "../../domain/prescriptions/messages";
import { recordAction } from "../../repo/actions";
import { getAppointment } from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import { getOrganisationName } from "../../repo/organisations";
import { getPatient } from "../../repo/patients";
import { createPrescription, newPrescriptionId, type PrescriptionDoc } from "../../repo/prescriptions";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import { languageSchema, type Language } from "../../schemas/common";
import type { IssuePrescriptionRequest } from "../../schemas/prescriptions";
import { enqueueAppointmentMessage } from "../notifications/appointmentMessages";

export const pdfPathFor = (patientUid: string, prescriptionId: string) =>
  `prescriptions/${patientUid}/${prescriptionId}.pdf`;

/**
 * The treating doctor issues a prescription: validated lines, signed content (Ed25519); the
 * patient gets an SMS with a signed link through the outbox. The PDF (in the patient's language,
 * with a QR and the verification code) is not on the doctor's wait: it is rendered and stored at
 * `pdfPath` by the first that needs it, the SMS as it is sent or a link
 * (services/prescriptions/prescriptionPdf.ts); the link in the SMS is signed for that path now.
 */
export async function issuePrescription({ actor, input, now, origin }: Call<IssuePrescriptionRequest>) {
  const problems = checkPrescriptionLines(input.lines);
  if (problems.length) throw new HttpsError("invalid-argument", describeProblems(problems));

  const appointment = await getAppointment(input.appointmentId);
  if (!appointment) throw new HttpsError("not-found", "no such appointment");
  if (!isTreatingDoctor(actor, appointment))
    throw new HttpsError("permission-denied", "only the treating doctor prescribes for this appointment");
  if (appointment.status === "cancelled")
    throw new HttpsError("failed-precondition", "this appointment was cancelled");
  const [patient, doctor, orgName] = await Promise.all([
    getPatient(appointment.patientUid),
    getDoctor(appointment.doctorUid),
    getOrganisationName(appointment.org),
  ]);
  if (!patient)
    throw new HttpsError(
      "failed-precondition",
      "the patient has no profile yet; a prescription needs their name",
    );
  if (!doctor || doctor.status !== "approved")
    throw new HttpsError("failed-precondition", "the doctor is not approved");

  const keys = rxKeysFrom(prescriptionSigningKey());
  const id = newPrescriptionId();
  const content: PrescriptionContent = {
    id,
    patientUid: appointment.patientUid,
    // TODO(issue 13): read as before, unchecked: a profile without a name, or a doctor without a
    // registration number (approval always sets one), fails only at the write, after the PDF.
    patientName: patient.name as string,
    doctorUid: appointment.doctorUid,
    doctorName: doctor.name,
    registrationNumber: doctor.registrationNumber as string,
    org: appointment.org,
    orgName: orgName ?? appointment.org,
    appointmentId: input.appointmentId,
    issuedAt: now.toISOString(),
    lines: input.lines,
    ...(input.advice ? { advice: input.advice } : {}),
    keyId: keys.keyId,
  };
  const signature = signPrescription(content, keys.privateKey);
  const code = verificationCode(signature);
  const language: Language = input.language ?? languageSchema.catch("en").parse(patient.language);
  const pdfPath = pdfPathFor(appointment.patientUid, id);
  const smsLink = patient.phone
    ? await signedDownloadUrl({
        path: pdfPath,
        expiresInSeconds: RX_SMS_LINK_HOURS * 3600,
        downloadName: `prescription-${id}.pdf`,
      })
    : null;

  const stored: PrescriptionDoc = {
    content,
    signature,
    verificationCode: code,
    patientUid: appointment.patientUid,
    doctorUid: appointment.doctorUid,
    org: appointment.org,
    appointmentId: input.appointmentId,
    language,
    pdfPath,
    pdfPending: true,
    status: "issued",
    createdAt: Timestamp.fromDate(now),
  };
  await runTransaction(async (tx) => {
    createPrescription(tx, id, stored);
    recordAction(
      tx,
      {
        action: "prescription.issued",
        actor,
        org: appointment.org,
        target: { type: "prescription", id },
        origin,
        event: {
          type: "prescription.issued",
          ids: {
            prescriptionId: id,
            appointmentId: input.appointmentId,
            patientUid: appointment.patientUid,
            doctorUid: appointment.doctorUid,
          },
          key: id,
        },
      },
      now,
    );
    if (patient.phone && smsLink) {
      enqueueAppointmentMessage(
        tx,
        prescriptionMessageId(id),
        {
          uid: appointment.patientUid,
          phone: patient.phone,
          language,
          channel: patient.notifyBy === "whatsapp" ? "whatsapp" : "sms",
        },
        "prescription.ready",
        { doctorName: withoutTitle(doctor.name), link: smsLink.url },
        { timezone: appointment.timezone ?? "Asia/Kolkata", appointmentId: input.appointmentId },
        now,
      );
    }
  });
  logger.info("prescription.issued", {
    prescriptionId: id,
    appointmentId: input.appointmentId,
    lines: input.lines.length,
  });
  return { prescriptionId: id, verificationCode: code, signature };
}
