import type { CallableRequest } from "firebase-functions/v2/https";
import { z } from "zod";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { RX_LINK_MINUTES } from "../../config/consultations";
import { recordAudit } from "../../repo/audit";
import { docIdSchema } from "../../schemas/common";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";
import { readablePrescription } from "./readablePrescription";

const requestSchema = z.object({ prescriptionId: docIdSchema }).strict();

/** A short-lived signed link to the prescription PDF, for the patient, the prescriber and consented doctors. */
export async function prescriptionLink(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(requestSchema, request.data);
  const rx = await readablePrescription(actor, input.prescriptionId, now);
  const link = await signedDownloadUrl({
    path: rx.pdfPath,
    expiresInSeconds: RX_LINK_MINUTES * 60,
    downloadName: `prescription-${input.prescriptionId}.pdf`,
  });
  await recordAudit(
    {
      action: "prescription.downloaded",
      actor,
      org: rx.org,
      target: { type: "prescription", id: input.prescriptionId },
      origin: requestOrigin(request),
    },
    now,
  );
  return { url: link.url, expiresAt: link.expiresAt };
}
