import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { RX_LINK_MINUTES } from "../../config/prescriptions";
import { createAuditEntry } from "../../repo/audit";
import type { Call } from "../../registry/define";
import type { PrescriptionLinkRequest } from "../../schemas/prescriptions";
import { ensurePrescriptionPdf } from "../../services/prescriptions/prescriptionPdf";
import { readablePrescription } from "../../services/prescriptions/readablePrescription";

/** A short-lived signed link to the prescription PDF, for the patient, the prescriber and consented doctors. */
export async function prescriptionLink({ actor, input, now, origin }: Call<PrescriptionLinkRequest>) {
  const rx = await readablePrescription(actor, input.prescriptionId, now);
  // The PDF is rendered by the first that needs it; usually the SMS was first.
  await ensurePrescriptionPdf(input.prescriptionId, rx);
  const link = await signedDownloadUrl({
    path: rx.pdfPath,
    expiresInSeconds: RX_LINK_MINUTES * 60,
    downloadName: `prescription-${input.prescriptionId}.pdf`,
  });
  // A read: its audit entry is its only write.
  const target = { type: "prescription", id: input.prescriptionId };
  await createAuditEntry({ action: "prescription.downloaded", actor, org: rx.org, target, origin }, now);
  return { url: link.url, expiresAt: link.expiresAt };
}
