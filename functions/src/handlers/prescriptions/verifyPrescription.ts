import { initials } from "../../domain/prescriptions/document";
import { dispensingRefusal } from "../../domain/prescriptions/window";
import { getAppointment } from "../../repo/appointments";
import { getDispensation } from "../../repo/dispensations";
import { getPrescription } from "../../repo/prescriptions";
import { verifyPrescriptionQuerySchema } from "../../schemas/prescriptions";
import { isGenuine } from "../../services/prescriptions/verification";

export type VerifyAnswer =
  { status: 400; body: { valid: false; reason: string } } | { status: 200; body: Record<string, unknown> };

/**
 * The one answer for a QR that is not a genuine prescription, whatever the cause: no prescription
 * has this id, the signature is not the issued one, or the stored content no longer matches it.
 * The endpoint is public, so answering "no such id" differently from "wrong signature" would
 * tell anyone which ids exist.
 */
export const NOT_GENUINE: VerifyAnswer = {
  status: 200,
  body: {
    valid: false,
    reason:
      "not a genuine prescription: no prescription matches this QR, or it was altered, or the QR is not the one issued",
  },
};

/**
 * What a pharmacy sees when it scans the QR (public, no sign-in): whether the prescription is
 * genuine and unchanged, who issued it, its lines, and whether it was dispensed. The patient
 * appears by initials only. A signature that does not match the stored content, a QR signature
 * other than the issued one, and an id that does not exist all get the same answer (NOT_GENUINE);
 * a genuine one whose appointment was cancelled is void (dispensing refuses it too).
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
  if (!rx) return NOT_GENUINE;
  // With the key that signed it (content.keyId): a rotation leaves it verifying.
  if (!(await isGenuine(rx, deps.signingKey(), sig))) return NOT_GENUINE;
  const [dispensed, appointment] = await Promise.all([getDispensation(id), getAppointment(rx.appointmentId)]);
  const voided = dispensingRefusal(appointment?.status ?? null);
  if (voided) return { status: 200, body: { valid: false, void: true, prescriptionId: id, reason: voided } };
  const c = rx.content;
  return {
    status: 200,
    body: {
      valid: true,
      prescriptionId: id,
      verificationCode: rx.verificationCode,
      keyId: c.keyId,
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
      ...(rx.dispensedQuantities ? { dispensedQuantities: rx.dispensedQuantities } : {}),
      ...(dispensed ? { dispensedAt: dispensed.at.toDate().toISOString() } : {}),
    },
  };
}
