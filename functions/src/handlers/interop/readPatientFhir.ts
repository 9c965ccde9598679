import type { Bundle, Resource } from "@medplum/fhirtypes";
import { logger } from "firebase-functions/v2";
import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { consentFor, type RecordAccess, type RecordType } from "../../authz/clinical";
import type { MappingProblem } from "../../domain/fhir/problems";
import type { Call } from "../../registry/define";
import { consentsFor } from "../../repo/consents";
import { appError } from "../../schemas/errors";
import type { ReadPatientFhirRequest } from "../../schemas/interop";
import { logRecordReads } from "../../services/healthRecords/accessLog";
import { collectionBundle, patientFhir, type FhirItem } from "../../services/fhir/patientRecord";

/** Download links in DocumentReferences live 5 minutes, like recordDownloadLink's. */
const LINK_SECONDS = 5 * 60;

export interface PatientFhirAnswer {
  /** Every resource the consent covers, as one `collection` Bundle (Patient first). */
  bundle: Bundle;
  /** ABDM OPConsultation and Prescription document Bundles for the covered consultations. */
  documents: Bundle[];
  /** What could not be mapped, by resource and field (the rest is answered). */
  problems: MappingProblem[];
}

/**
 * A patient's record as FHIR R4 for a doctor who holds their consent (by name or through the
 * doctor's organisation): clinical notes if the consent covers `clinical_note`, prescriptions if
 * it covers `prescription`, uploaded records of the types and dates it covers (with a download
 * link minted for this read). The same decision as every other read (authz/clinical.ts
 * consentFor); every document that goes in is logged in the patient's access log (action `fhir`).
 * Without a consent, or for a patient with no profile (never registered or deleted), the answer
 * is the same not-found and nothing is written.
 */
export async function readPatientFhir({
  actor,
  input,
  now,
}: Call<ReadPatientFhirRequest>): Promise<PatientFhirAnswer> {
  const { patientUid } = input;
  const consents = await consentsFor(patientUid, actor);
  const basis = (item: FhirItem): RecordAccess | null => {
    const type: RecordType =
      item.kind === "clinicalRecord"
        ? "clinical_note"
        : item.kind === "prescription"
          ? "prescription"
          : (String(item.data.type) as RecordType);
    const date = item.kind === "record" ? String(item.data.date) : undefined;
    const consent = consentFor(actor, patientUid, type, consents, now, date);
    return consent ? { basis: "consent", consentId: consent.id ?? "" } : null;
  };
  const anyConsent = consents.some((c) => c.status === "active" && c.expiresAt.getTime() > now.getTime());
  const fhir = anyConsent
    ? await patientFhir(patientUid, {
        now,
        include: (item) => basis(item) !== null,
        linkFor: async (record) =>
          (
            await signedDownloadUrl({
              path: String(record.path),
              expiresInSeconds: LINK_SECONDS,
              downloadName: `${String(record.title)}.${String(record.contentType).split("/")[1]}`,
            })
          ).url,
      })
    : null;
  // The same reason as a record read without consent: the caller cannot tell "no such patient"
  // from "no consent", on purpose.
  if (!fhir)
    throw appError("not-found", "record-not-found", "no such patient, or no consent to read their record");
  await logRecordReads(
    actor,
    "fhir",
    fhir.included.map((item) => ({ patientUid, recordId: item.id, access: basis(item)! })),
    now,
  );
  logger.info("fhir.read", {
    patientUid,
    actorUid: actor.uid,
    documents: fhir.included.length,
    problems: fhir.problems.length,
  });
  const resources: Resource[] = fhir.resources;
  return {
    bundle: collectionBundle(`patient-${patientUid}-${now.getTime()}`, now, resources),
    documents: fhir.documents,
    problems: fhir.problems,
  };
}
