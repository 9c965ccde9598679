import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { prescriptionSigningKey } from "../../config/prescriptions";
import { verifyPrescriptionSignature } from "../../domain/prescriptions/signing";
import { dispensingRefusal } from "../../domain/prescriptions/window";
import { recordAction } from "../../repo/actions";
import { getAppointment } from "../../repo/appointments";
import { createDispensation, getDispensation } from "../../repo/dispensations";
import { getPharmacy } from "../../repo/pharmacies";
import { getPrescription, updatePrescription } from "../../repo/prescriptions";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { DispensePrescriptionRequest } from "../../schemas/prescriptions";
import { appError } from "../../schemas/errors";

/**
 * A pharmacist marks a verified prescription dispensed, once. One transaction reads the claim
 * `dispensations/{prescriptionId}`, the prescription and its appointment, and writes the claim,
 * the prescription's `dispensed` status, the audit entry and the event together: of two pharmacies
 * at the same moment, one commits and the other is told it was already dispensed, and a crash
 * leaves either all of it or none. A prescription whose appointment was cancelled is void.
 */
export async function dispensePrescription({ actor, input, now, origin }: Call<DispensePrescriptionRequest>) {
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw appError("permission-denied", "role-not-allowed", "only a pharmacist dispenses");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw appError("failed-precondition", "pharmacy-not-approved", "your pharmacy is not approved");
  const keys = rxKeysFrom(prescriptionSigningKey());
  const { prescriptionId } = input;
  const at = Timestamp.fromDate(now);
  await runTransaction(async (tx) => {
    const [rx, first] = await Promise.all([
      getPrescription(prescriptionId, tx),
      getDispensation(prescriptionId, tx),
    ]);
    if (!rx) throw appError("not-found", "prescription-not-found", "no such prescription");
    if (
      input.signature !== rx.signature ||
      !verifyPrescriptionSignature(rx.content, input.signature, keys.publicKey)
    ) {
      throw appError(
        "failed-precondition",
        "prescription-not-verified",
        "this prescription does not verify; do not dispense it",
      );
    }
    if (first) {
      const where = first.pharmacyId === pharmacy.id ? "by your pharmacy" : "by another pharmacy";
      throw appError(
        "failed-precondition",
        "already-dispensed",
        `already dispensed ${where} at ${first.at.toDate().toISOString()}`,
        { at: first.at.toDate().toISOString() },
      );
    }
    const appointment = await getAppointment(rx.appointmentId, tx);
    const refusal = dispensingRefusal(appointment?.status ?? null);
    if (refusal) throw appError("failed-precondition", "prescription-void", refusal);
    createDispensation(tx, { prescriptionId, pharmacyId: pharmacy.id, pharmacistUid: actor.uid, at });
    updatePrescription(tx, prescriptionId, {
      status: "dispensed",
      dispensedAt: at,
      dispensedBy: pharmacy.id,
      updatedAt: FieldValue.serverTimestamp(),
    });
    recordAction(
      tx,
      {
        action: "prescription.dispensed",
        actor,
        org: pharmacy.org,
        target: { type: "prescription", id: prescriptionId },
        origin,
        event: {
          type: "prescription.dispensed",
          ids: {
            prescriptionId,
            pharmacyId: pharmacy.id,
            pharmacistUid: actor.uid,
            patientUid: rx.patientUid,
            doctorUid: rx.doctorUid,
          },
          key: prescriptionId,
        },
      },
      now,
    );
  });
  logger.info("prescription.dispensed", { prescriptionId, pharmacyId: pharmacy.id });
  return { prescriptionId, dispensedAt: now.toISOString() };
}
