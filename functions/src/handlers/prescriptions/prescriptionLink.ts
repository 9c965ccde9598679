import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { z } from "zod";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { canReadClinical } from "../../authz/clinical";
import { RX_LINK_MINUTES } from "../../config/consultations";
import { recordAudit } from "../../repo/audit";
import { consentsFor } from "../../repo/consents";
import { getPrescription } from "../../repo/prescriptions";
import { docIdSchema } from "../../schemas/common";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

const requestSchema = z.object({ prescriptionId: docIdSchema }).strict();

/** A short-lived signed link to the prescription PDF, for the patient, the prescriber and consented doctors. */
export async function prescriptionLink(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(requestSchema, request.data);
  const rx = await getPrescription(input.prescriptionId);
  // The same answer for "does not exist" and "not yours": ids of others' prescriptions reveal nothing.
  const consent = rx && actor.role === "doctor" && actor.uid !== rx.doctorUid ? await consentsFor(rx.patientUid, actor) : null;
  if (!rx || !canReadClinical(actor, rx, "prescription", consent, now)) throw new HttpsError("not-found", "no such prescription");
  const link = await signedDownloadUrl({ path: rx.pdfPath, expiresInSeconds: RX_LINK_MINUTES * 60, downloadName: `prescription-${input.prescriptionId}.pdf` });
  await recordAudit({ action: "prescription.downloaded", actor, org: rx.org, target: { type: "prescription", id: input.prescriptionId }, origin: requestOrigin(request) }, now);
  return { url: link.url, expiresAt: link.expiresAt };
}
