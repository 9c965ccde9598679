import { randomBytes } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { prescriptionSigningKey, publicSiteBase, RX_SHORT_LINK_DAYS } from "../../config/prescriptions";
import { checkPrescriptionLines, describeProblems } from "../../domain/prescriptions/rules";
import { ageOn } from "../../domain/prescriptions/document";
import { formatShortCode, shortCodeFrom, CODE_RANDOM_BYTES } from "../../domain/prescriptions/shortCode";
import { signPrescription, type PrescriptionContent } from "../../domain/prescriptions/signing";
import { prescribingRefusal } from "../../domain/prescriptions/window";
import { withoutTitle } from "../../domain/notifications/templates";
import { prescriptionMessageId } from "../../domain/prescriptions/messages";
import { recordAction } from "../../repo/actions";
import { getAppointment, type AppointmentDoc } from "../../repo/appointments";
import { getSession } from "../../repo/consultations";
import { getDoctor } from "../../repo/doctors";
import { getRecordedAnswer, createRecordedAnswer, idempotentCall } from "../../repo/idempotency";
import { getOrganisationName } from "../../repo/organisations";
import { getPatient } from "../../repo/patients";
import { createPrescription, newPrescriptionId, type PrescriptionDoc } from "../../repo/prescriptions";
import { createRxCode, getRxCode } from "../../repo/rxCodes";
import { createRxKey, getRxKey } from "../../repo/rxKeys";
import { createRxLink } from "../../repo/rxLinks";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import { languageSchema, type Language } from "../../schemas/common";
import type { IssuePrescriptionRequest } from "../../schemas/prescriptions";
import { getTreatedAppointment } from "../../services/clinical/treatedAppointment";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";
import { appError } from "../../schemas/errors";

export const pdfPathFor = (patientUid: string, prescriptionId: string) =>
  `prescriptions/${patientUid}/${prescriptionId}.pdf`;

export interface IssuedPrescription {
  prescriptionId: string;
  verificationCode: string;
  signature: string;
}

/** Refuses (failed-precondition) an appointment the doctor may not prescribe for now (domain/prescriptions/window.ts). */
function checkPrescribingWindow(appointment: AppointmentDoc, sessionStatus: string | null, now: Date) {
  const completed = appointment.history.filter((h) => h.event === "completed").at(-1);
  const refusal = prescribingRefusal(
    {
      status: appointment.status,
      startMs: appointment.start.toMillis(),
      endMs: appointment.end.toMillis(),
      completedAtMs: completed?.at.toMillis(),
      sessionStatus,
    },
    now.getTime(),
  );
  if (refusal) throw appError("failed-precondition", "prescribing-window-closed", refusal);
}

/**
 * The treating doctor issues a prescription: validated lines, signed content (Ed25519); the
 * patient gets an SMS with a signed link through the outbox. The PDF (in the patient's language,
 * with a QR and the verification code) is not on the doctor's wait: it is rendered and stored at
 * `pdfPath` by the first that needs it, the SMS as it is sent or a link
 * (services/prescriptions/prescriptionPdf.ts); the link in the SMS is signed for that path now.
 *
 * Everything is checked before anything is written (the appointment is in its prescribing window,
 * the patient has a name, the doctor a registration number). With an idempotency key, a retry
 * returns the first answer and issues nothing twice.
 */
export async function issuePrescription({
  actor,
  input,
  now,
  origin,
}: Call<IssuePrescriptionRequest>): Promise<IssuedPrescription> {
  const problems = checkPrescriptionLines(input.lines);
  if (problems.length) throw appError("invalid-argument", "invalid-request", describeProblems(problems));
  const call = idempotentCall(actor.uid, "issuePrescription", input);
  const recorded = await getRecordedAnswer<IssuedPrescription>(call);
  if (recorded) return recorded;

  const appointment = await getTreatedAppointment(
    actor,
    input.appointmentId,
    "prescribes for this appointment",
  );
  const session = await getSession(input.appointmentId);
  checkPrescribingWindow(appointment, session?.session.status ?? null, now);
  const [patient, doctor, orgName] = await Promise.all([
    getPatient(appointment.patientUid),
    getDoctor(appointment.doctorUid),
    getOrganisationName(appointment.org),
  ]);
  if (!patient)
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "the patient has no profile yet; a prescription needs their name",
    );
  if (!patient.name?.trim())
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "the patient's profile has no name yet; a prescription needs their name",
    );
  if (!doctor || doctor.status !== "approved")
    throw appError("failed-precondition", "precondition-failed", "the doctor is not approved");
  if (!doctor.registrationNumber?.trim())
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "your profile has no registration number; a prescription needs it",
    );

  const keys = rxKeysFrom(prescriptionSigningKey());
  const id = newPrescriptionId();
  const content: PrescriptionContent = {
    id,
    patientUid: appointment.patientUid,
    patientName: patient.name,
    doctorUid: appointment.doctorUid,
    doctorName: doctor.name,
    registrationNumber: doctor.registrationNumber,
    org: appointment.org,
    orgName: orgName ?? appointment.org,
    appointmentId: input.appointmentId,
    issuedAt: now.toISOString(),
    lines: input.lines,
    ...(input.advice ? { advice: input.advice } : {}),
    keyId: keys.keyId,
  };
  const signature = signPrescription(content, keys.privateKey);
  // Short codes are random (domain/prescriptions/shortCode.ts); the transaction takes the first
  // of these that no prescription holds (three taken at once: about 1e-30 at a million issued).
  const candidates = [0, 1, 2].map(() => shortCodeFrom(randomBytes(CODE_RANDOM_BYTES)));
  const language: Language = input.language ?? languageSchema.catch("en").parse(patient.language);
  const pdfPath = pdfPathFor(appointment.patientUid, id);
  // The SMS carries a short one-use link (handlers/prescriptions/shortLink.ts), not a signed URL:
  // two segments in English, four in Hindi or Punjabi (domain/notifications/segments.test.ts).
  const linkToken = randomBytes(8).toString("base64url").slice(0, 10);
  const smsLink = { url: `${publicSiteBase()}/s/${linkToken}` };

  const patientAge = ageOn(patient.dateOfBirth, now);
  const stored: Omit<PrescriptionDoc, "verificationCode"> = {
    content,
    signature,
    patientUid: appointment.patientUid,
    doctorUid: appointment.doctorUid,
    org: appointment.org,
    appointmentId: input.appointmentId,
    language,
    pdfPath,
    pdfPending: true,
    status: "issued",
    createdAt: Timestamp.fromDate(now),
    ...(patientAge !== undefined ? { patientAge } : {}),
  };
  const answer = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<IssuedPrescription>(call, tx);
    if (again) return again;
    const taken = await Promise.all(candidates.map((c) => getRxCode(c, tx)));
    const code = candidates.find((_, i) => taken[i] === null);
    if (!code) throw appError("aborted", "contention", "could not give the prescription a code; try again");
    // The key set holds every key before it signs anything (services/prescriptions/verification.ts).
    const published = await getRxKey(keys.keyId, tx);
    const result: IssuedPrescription = {
      prescriptionId: id,
      verificationCode: formatShortCode(code),
      signature,
    };
    const current = await getAppointment(input.appointmentId, tx);
    if (!current) throw appError("not-found", "appointment-not-found", "no such appointment");
    checkPrescribingWindow(current, session?.session.status ?? null, now);
    // Only a number the patient proved, never the profile's (services/notifications/).
    const recipient = await readRecipient(tx, appointment.patientUid);
    createPrescription(tx, id, { ...stored, verificationCode: result.verificationCode });
    createRxCode(tx, code, id, now);
    createRxLink(tx, linkToken, {
      prescriptionId: id,
      patientUid: appointment.patientUid,
      expiresAt: Timestamp.fromMillis(now.getTime() + RX_SHORT_LINK_DAYS * 86_400_000),
      usedAt: null,
    });
    if (!published)
      createRxKey(tx, {
        keyId: keys.keyId,
        publicKeyPem: keys.publicKey.export({ type: "spki", format: "pem" }) as string,
        createdAt: Timestamp.fromDate(now),
        retiredAt: null,
      });
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
    enqueueAppointmentMessage(
      tx,
      {
        id: prescriptionMessageId(id),
        recipient: recipient && { ...recipient, language },
        kind: "prescription.ready",
        vars: { doctorName: withoutTitle(doctor.name), link: smsLink.url },
        timezone: appointment.timezone ?? "Asia/Kolkata",
        appointmentId: input.appointmentId,
      },
      now,
    );
    createRecordedAnswer(tx, call, result, now);
    return result;
  });
  // A retry with the same key committed first: nothing of this call was written.
  if (answer.prescriptionId !== id) return answer;
  logger.info("prescription.issued", {
    prescriptionId: id,
    appointmentId: input.appointmentId,
    lines: input.lines.length,
  });
  return answer;
}
