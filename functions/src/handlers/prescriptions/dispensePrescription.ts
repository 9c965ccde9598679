import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { prescriptionSigningKey } from "../../config/prescriptions";
import { buildEvent } from "../../domain/events/events";
import { verifyPrescriptionSignature } from "../../domain/prescriptions/signing";
import { createAuditEntry } from "../../repo/audit";
import { createDispensation, getDispensation } from "../../repo/dispensations";
import { createEvent } from "../../repo/events";
import { getPharmacy } from "../../repo/pharmacies";
import { getPrescription, updatePrescription } from "../../repo/prescriptions";
import type { Call } from "../../registry/define";
import type { DispensePrescriptionRequest } from "../../schemas/prescriptions";

/**
 * A pharmacist marks a verified prescription dispensed, once. The claim is one atomic create of
 * `dispensations/{prescriptionId}`: of two pharmacies at the same moment, one wins and the other
 * is told it was already dispensed. The prescription's own status follows.
 */
export async function dispensePrescription({ actor, input, now, origin }: Call<DispensePrescriptionRequest>) {
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw new HttpsError("permission-denied", "only a pharmacist dispenses");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw new HttpsError("failed-precondition", "your pharmacy is not approved");
  const rx = await getPrescription(input.prescriptionId);
  if (!rx) throw new HttpsError("not-found", "no such prescription");
  const keys = rxKeysFrom(prescriptionSigningKey());
  if (
    input.signature !== rx.signature ||
    !verifyPrescriptionSignature(rx.content, input.signature, keys.publicKey)
  ) {
    throw new HttpsError("failed-precondition", "this prescription does not verify; do not dispense it");
  }
  const at = Timestamp.fromDate(now);
  const claimed = await createDispensation({
    prescriptionId: input.prescriptionId,
    pharmacyId: pharmacy.id,
    pharmacistUid: actor.uid,
    at,
  });
  if (!claimed) {
    const first = await getDispensation(input.prescriptionId);
    const where = first?.pharmacyId === pharmacy.id ? "by your pharmacy" : "by another pharmacy";
    throw new HttpsError(
      "failed-precondition",
      `already dispensed ${where}${first ? ` at ${first.at.toDate().toISOString()}` : ""}`,
    );
  }
  // TODO(issue 13): the status, the audit entry and the event are written after the claim,
  // outside its commit, as before; a crash in between loses them.
  await updatePrescription(input.prescriptionId, {
    status: "dispensed",
    dispensedAt: at,
    dispensedBy: pharmacy.id,
    updatedAt: FieldValue.serverTimestamp(),
  });
  const target = { type: "prescription", id: input.prescriptionId };
  await createAuditEntry({ action: "prescription.dispensed", actor, org: pharmacy.org, target, origin }, now);
  await createEvent(
    buildEvent(
      "prescription.dispensed",
      {
        org: pharmacy.org,
        ids: {
          prescriptionId: input.prescriptionId,
          pharmacyId: pharmacy.id,
          pharmacistUid: actor.uid,
          patientUid: rx.patientUid,
          doctorUid: rx.doctorUid,
        },
        key: input.prescriptionId,
      },
      now,
    ),
  );
  logger.info("prescription.dispensed", { prescriptionId: input.prescriptionId, pharmacyId: pharmacy.id });
  return { prescriptionId: input.prescriptionId, dispensedAt: now.toISOString() };
}
