import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { initials } from "../../domain/prescriptions/document";
import { verificationCode, verifyPrescriptionSignature } from "../../domain/prescriptions/signing";
import { dispensingRefusal } from "../../domain/prescriptions/window";
import { getAppointment } from "../../repo/appointments";
import { getDispensation } from "../../repo/dispensations";
import { getPrescription } from "../../repo/prescriptions";
import { verifyPrescriptionQuerySchema } from "../../schemas/prescriptions";

export type VerifyAnswer =
  | { status: 400; body: { valid: false; reason: string } }
  | { status: 404; body: { valid: false; reason: string } }
  | { status: 200; body: Record<string, unknown> };

/**
 * What a pharmacy sees when it scans the QR (public, no sign-in): whether the prescription is
 * genuine and unchanged, who issued it, its lines, and whether it was dispensed. The patient
 * appears by initials only. A signature that does not match the stored content, or a QR
 * signature other than the issued one, is reported as not valid; so is a genuine one whose
 * appointment was cancelled (void: dispensing refuses it too).
 */
export async function verifyPrescription(
  query: unknown,
  deps: { signingKey: () => string },
): Promise<VerifyAnswer> {
  const parsed = verifyPrescriptionQuerySchema.safeParse(query);
  if (!parsed.success)
    return {
      status: 400,
      body: { valid: false, reason: "the link is not a prescription QR (id and sig are needed)" },
    };
  const { id, sig } = parsed.data;
  const rx = await getPrescription(id);
  if (!rx) return { status: 404, body: { valid: false, reason: "no prescription has this id" } };
  const keys = rxKeysFrom(deps.signingKey());
  const genuine = sig === rx.signature && verifyPrescriptionSignature(rx.content, sig, keys.publicKey);
  if (!genuine) {
    return {
      status: 200,
      body: {
        valid: false,
        prescriptionId: id,
        reason:
          "the prescription does not match its signature: it was altered or the QR is not the one issued",
      },
    };
  }
  const [dispensed, appointment] = await Promise.all([getDispensation(id), getAppointment(rx.appointmentId)]);
  const voided = dispensingRefusal(appointment?.status ?? null);
  if (voided) return { status: 200, body: { valid: false, void: true, prescriptionId: id, reason: voided } };
  const c = rx.content;
  return {
    status: 200,
    body: {
      valid: true,
      prescriptionId: id,
      verificationCode: verificationCode(sig),
      issuedAt: c.issuedAt,
      issuedBy: {
        doctorName: c.doctorName,
        registrationNumber: c.registrationNumber,
        organisation: c.orgName,
      },
      patient: { initials: initials(c.patientName) },
      lines: c.lines,
      ...(c.advice ? { advice: c.advice } : {}),
      dispensed: dispensed !== null,
      ...(dispensed ? { dispensedAt: dispensed.at.toDate().toISOString() } : {}),
    },
  };
}
