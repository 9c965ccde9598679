import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { renderPrescriptionPdf } from "../../adapters/pdf/prescriptionPdf";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { saveBuffer, signedDownloadUrl } from "../../adapters/storage/bucket";
import { isTreatingDoctor } from "../../authz/clinical";
import { RX_SMS_LINK_HOURS } from "../../config/consultations";
import { checkPrescriptionLines, describeProblems } from "../../domain/prescriptions/rules";
import {
  qrPayload,
  signPrescription,
  verificationCode,
  type PrescriptionContent,
} from "../../domain/prescriptions/signing";
import { withoutTitle } from "../../domain/notifications/templates";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { appointmentRef } from "../../repo/appointments";
import { COLLECTIONS, db } from "../../repo/firestore";
import { newPrescriptionRef, type PrescriptionDoc } from "../../repo/prescriptions";
import { languageSchema, type Language } from "../../schemas/common";
import { issuePrescriptionRequestSchema } from "../../schemas/prescriptions";
import { enqueueAppointmentMessage } from "../notifications/appointmentMessages";
import { requestOrigin, requireActor } from "../context";
import { enforceRateLimit } from "../rateLimit";
import { parseRequest } from "../errors";
import { pdfInputFor } from "./pdfInput";

export interface RxDeps {
  signingKey: () => string;
  publicApiBase: () => string;
}

export const pdfPathFor = (patientUid: string, prescriptionId: string) =>
  `prescriptions/${patientUid}/${prescriptionId}.pdf`;

/**
 * The treating doctor issues a prescription: validated lines, signed content (Ed25519), a PDF
 * in the patient's language with a QR and the verification code, stored in Cloud Storage; the
 * patient gets an SMS with a signed link through the outbox.
 */
export async function issuePrescription(request: CallableRequest<unknown>, deps: RxDeps, now = new Date()) {
  const actor = await requireActor(request);
  await enforceRateLimit(actor, "prescription", now);
  const input = parseRequest(issuePrescriptionRequestSchema, request.data);
  const problems = checkPrescriptionLines(input.lines);
  if (problems.length) throw new HttpsError("invalid-argument", describeProblems(problems));

  const appointmentSnap = await appointmentRef(input.appointmentId).get();
  if (!appointmentSnap.exists) throw new HttpsError("not-found", "no such appointment");
  const appointment = appointmentSnap.data()!;
  if (!isTreatingDoctor(actor, appointment as { doctorUid: string }))
    throw new HttpsError("permission-denied", "only the treating doctor prescribes for this appointment");
  if (appointment.status === "cancelled")
    throw new HttpsError("failed-precondition", "this appointment was cancelled");
  const [patient, doctor, org] = await Promise.all([
    db().collection(COLLECTIONS.patients).doc(appointment.patientUid).get(),
    db().collection(COLLECTIONS.doctors).doc(appointment.doctorUid).get(),
    db().collection(COLLECTIONS.organisations).doc(appointment.org).get(),
  ]);
  if (!patient.exists)
    throw new HttpsError(
      "failed-precondition",
      "the patient has no profile yet; a prescription needs their name",
    );
  if (!doctor.exists || doctor.get("status") !== "approved")
    throw new HttpsError("failed-precondition", "the doctor is not approved");

  const keys = rxKeysFrom(deps.signingKey());
  const ref = newPrescriptionRef();
  const content: PrescriptionContent = {
    id: ref.id,
    patientUid: appointment.patientUid,
    patientName: patient.get("name"),
    doctorUid: appointment.doctorUid,
    doctorName: doctor.get("name"),
    registrationNumber: doctor.get("registrationNumber"),
    org: appointment.org,
    orgName: org.get("name") ?? appointment.org,
    appointmentId: input.appointmentId,
    issuedAt: now.toISOString(),
    lines: input.lines,
    ...(input.advice ? { advice: input.advice } : {}),
    keyId: keys.keyId,
  };
  const signature = signPrescription(content, keys.privateKey);
  const code = verificationCode(signature);
  const base = deps.publicApiBase().replace(/\/+$/, "");
  const language: Language = input.language ?? languageSchema.catch("en").parse(patient.get("language"));
  const pdf = await renderPrescriptionPdf(
    pdfInputFor(content, {
      language,
      timezone: appointment.timezone ?? "Asia/Kolkata",
      patient: { dateOfBirth: patient.get("dateOfBirth"), sex: patient.get("sex") },
      verification: { code, qrPayload: qrPayload(base, ref.id, signature), verifyUrl: `${base}/rx/verify` },
    }),
  );
  const pdfPath = pdfPathFor(appointment.patientUid, ref.id);
  await saveBuffer(pdfPath, pdf, "application/pdf", { prescriptionId: ref.id });
  const smsLink = await signedDownloadUrl({
    path: pdfPath,
    expiresInSeconds: RX_SMS_LINK_HOURS * 3600,
    downloadName: `prescription-${ref.id}.pdf`,
  });

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
    status: "issued",
    createdAt: now,
  };
  await db().runTransaction(async (tx) => {
    const phone = patient.get("phone") as string | undefined;
    tx.create(ref, stored);
    appendAudit(
      tx,
      {
        action: "prescription.issued",
        actor,
        org: appointment.org,
        target: { type: "prescription", id: ref.id },
        origin: requestOrigin(request),
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        "prescription.issued",
        {
          org: appointment.org,
          ids: {
            prescriptionId: ref.id,
            appointmentId: input.appointmentId,
            patientUid: appointment.patientUid,
            doctorUid: appointment.doctorUid,
          },
          key: ref.id,
        },
        now,
      ),
    );
    if (phone) {
      enqueueAppointmentMessage(
        tx,
        `rx-${ref.id}`,
        {
          uid: appointment.patientUid,
          phone,
          language,
          channel: patient.get("notifyBy") === "whatsapp" ? "whatsapp" : "sms",
        },
        "prescription.ready",
        { doctorName: withoutTitle(doctor.get("name")), link: smsLink.url },
        { timezone: appointment.timezone ?? "Asia/Kolkata", appointmentId: input.appointmentId },
        now,
      );
    }
  });
  logger.info("prescription.issued", {
    prescriptionId: ref.id,
    appointmentId: input.appointmentId,
    lines: input.lines.length,
    pdfBytes: pdf.length,
  });
  return { prescriptionId: ref.id, verificationCode: code, signature, pdfBytes: pdf.length };
}
