import { canReadClinical } from "../../authz/clinical";
import type { Actor } from "../../domain/identity/actor";
import { consentsFor } from "../../repo/consents";
import { getPrescription, type PrescriptionDoc } from "../../repo/prescriptions";
import { appError } from "../../schemas/errors";

/**
 * A prescription the actor may read (the patient, the prescriber, a consented doctor), or
 * not-found: the same answer for "does not exist" and "not yours", so ids reveal nothing.
 */
export async function readablePrescription(
  actor: Actor,
  prescriptionId: string,
  now: Date,
): Promise<PrescriptionDoc> {
  const rx = await getPrescription(prescriptionId);
  const consents = rx && actor.uid !== rx.doctorUid ? await consentsFor(rx.patientUid, actor) : null;
  if (!rx || !canReadClinical(actor, rx, "prescription", consents, now))
    throw appError("not-found", "prescription-not-found", "no such prescription");
  return rx;
}
