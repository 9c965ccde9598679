import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { prescriptionSigningKey } from "../../config/prescriptions";
import { dispensingRefusal } from "../../domain/prescriptions/window";
import { recordAction } from "../../repo/actions";
import { getAppointment } from "../../repo/appointments";
import { createDispensation, getDispensation } from "../../repo/dispensations";
import { getPharmacy } from "../../repo/pharmacies";
import { getPrescription, updatePrescription } from "../../repo/prescriptions";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { DispensePrescriptionRequest } from "../../schemas/prescriptions";
import { isGenuine } from "../../services/prescriptions/verification";

/**
 * A pharmacist marks a verified prescription dispensed, once. One transaction reads the claim
 * `dispensations/{prescriptionId}`, the prescription and its appointment, and writes the claim,
 * the prescription's `dispensed` status, the audit entry and the event together: of two pharmacies
 * at the same moment, one commits and the other is told it was already dispensed, and a crash
 * leaves either all of it or none. A prescription whose appointment was cancelled is void.
 */
export async function dispensePrescription({ actor, input, now, origin }: Call<DispensePrescriptionRequest>) {
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw new HttpsError("permission-denied", "only a pharmacist dispenses");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw new HttpsError("failed-precondition", "your pharmacy is not approved");
  const secret = prescriptionSigningKey();
  const { prescriptionId } = input;
  const at = Timestamp.fromDate(now);
  await runTransaction(async (tx) => {
    const [rx, first] = await Promise.all([
      getPrescription(prescriptionId, tx),
      getDispensation(prescriptionId, tx),
    ]);
    if (!rx) throw new HttpsError("not-found", "no such prescription");
    if (!(await isGenuine(rx, secret, input.signature, tx))) {
      throw new HttpsError("failed-precondition", "this prescription does not verify; do not dispense it");
    }
    if (first) {
      const where = first.pharmacyId === pharmacy.id ? "by your pharmacy" : "by another pharmacy";
      throw new HttpsError(
        "failed-precondition",
        `already dispensed ${where} at ${first.at.toDate().toISOString()}`,
      );
    }
    const appointment = await getAppointment(rx.appointmentId, tx);
    const refusal = dispensingRefusal(appointment?.status ?? null);
    if (refusal) throw new HttpsError("failed-precondition", refusal);
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
