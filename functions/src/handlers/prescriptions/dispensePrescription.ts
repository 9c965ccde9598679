import { FieldValue } from "firebase-admin/firestore";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { rxKeysFrom } from "../../adapters/keys/rxSigningKey";
import { verifyPrescriptionSignature } from "../../domain/prescriptions/signing";
import { recordAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEvent } from "../../repo/events";
import { getPharmacy } from "../../repo/pharmacies";
import { dispensationRef, getDispensation, getPrescription, prescriptionRef } from "../../repo/prescriptions";
import { dispensePrescriptionRequestSchema } from "../../schemas/prescriptions";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

const ALREADY_EXISTS = 6;

/**
 * A pharmacist marks a verified prescription dispensed, once. The claim is one atomic create of
 * `dispensations/{prescriptionId}`: of two pharmacies at the same moment, one wins and the other
 * is told it was already dispensed. The prescription's own status follows.
 */
export async function dispensePrescription(
  request: CallableRequest<unknown>,
  deps: { signingKey: () => string },
  now = new Date(),
) {
  const actor = await requireActor(request);
  const input = parseRequest(dispensePrescriptionRequestSchema, request.data);
  if (actor.role !== "pharmacist" || !actor.pharmacy)
    throw new HttpsError("permission-denied", "only a pharmacist dispenses");
  const pharmacy = await getPharmacy(actor.pharmacy);
  if (!pharmacy || pharmacy.status !== "approved")
    throw new HttpsError("failed-precondition", "your pharmacy is not approved");
  const rx = await getPrescription(input.prescriptionId);
  if (!rx) throw new HttpsError("not-found", "no such prescription");
  const keys = rxKeysFrom(deps.signingKey());
  if (
    input.signature !== rx.signature ||
    !verifyPrescriptionSignature(rx.content, input.signature, keys.publicKey)
  ) {
    throw new HttpsError("failed-precondition", "this prescription does not verify; do not dispense it");
  }
  try {
    await dispensationRef(input.prescriptionId).create({
      prescriptionId: input.prescriptionId,
      pharmacyId: pharmacy.id,
      pharmacistUid: actor.uid,
      at: now,
    });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    const first = await getDispensation(input.prescriptionId);
    const where = first?.pharmacyId === pharmacy.id ? "by your pharmacy" : "by another pharmacy";
    throw new HttpsError(
      "failed-precondition",
      `already dispensed ${where}${first ? ` at ${first.at.toISOString()}` : ""}`,
    );
  }
  await prescriptionRef(input.prescriptionId).update({
    status: "dispensed",
    dispensedAt: now,
    dispensedBy: pharmacy.id,
    updatedAt: FieldValue.serverTimestamp(),
  });
  await recordAudit(
    {
      action: "prescription.dispensed",
      actor,
      org: pharmacy.org,
      target: { type: "prescription", id: input.prescriptionId },
      origin: requestOrigin(request),
    },
    now,
  );
  await recordEvent(
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
