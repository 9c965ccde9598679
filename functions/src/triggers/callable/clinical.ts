import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { publicApiBaseUrl, rxSigningKey } from "../../config/params";
import { dispensePrescription } from "../../handlers/prescriptions/dispensePrescription";
import { issuePrescription } from "../../handlers/prescriptions/issuePrescription";
import { prescriptionLink } from "../../handlers/prescriptions/prescriptionLink";
import { writeClinicalRecord } from "../../handlers/records/writeClinicalRecord";

const signingKey = () => rxSigningKey.value();

export const writeClinicalRecordFn = onCall({ ...appCheckFor("writeClinicalRecord") }, (request) =>
  writeClinicalRecord(request),
);
/** Renders a PDF with embedded fonts: more memory than the default. */
export const issuePrescriptionFn = onCall(
  { ...appCheckFor("issuePrescription"), secrets: [rxSigningKey], memory: "512MiB", timeoutSeconds: 120 },
  (request) => issuePrescription(request, { signingKey, publicApiBase: () => publicApiBaseUrl.value() }),
);
export const prescriptionLinkFn = onCall({ ...appCheckFor("prescriptionLink") }, (request) =>
  prescriptionLink(request),
);
export const dispensePrescriptionFn = onCall(
  { ...appCheckFor("dispensePrescription"), secrets: [rxSigningKey] },
  (request) => dispensePrescription(request, { signingKey }),
);
