import { logger } from "firebase-functions/v2";
import { deleteObject, downloadBuffer, saveBuffer, signedDownloadUrl } from "../../adapters/storage/bucket";
import { exportPath } from "../../domain/records/paths";
import { plain } from "../../domain/shared/plainJson";
import { collectionBundle, patientFhir, toNdjson } from "../../services/fhir/patientRecord";
import { ensurePrescriptionPdf } from "../../services/prescriptions/prescriptionPdf";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getRecordedAnswer, createRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import {
  findStoredByPatient,
  findStoredChildren,
  getStored,
  type CollectionName,
  type StoredDocument,
} from "../../repo/stored";
import { runTransaction } from "../../repo/transaction";
import type { ExportMyDataRequest } from "../../schemas/records";
import { patientOf } from "../../domain/identity/actor";
import { actingFor } from "../../services/care/actingFor";

const EXPORT_LINK_SECONDS = 60 * 60;

type Exported = Record<string, unknown> & { id: string };

export interface ExportResult {
  url: string;
  expiresAt: string;
  bytes: number;
  counts: Record<
    | "appointments"
    | "consultations"
    | "clinicalRecords"
    | "prescriptions"
    | "records"
    | "consents"
    | "accessLog"
    | "files",
    number
  >;
}

const exported = (doc: StoredDocument): Exported => ({
  ...(plain(doc.data) as Record<string, unknown>),
  id: doc.id,
});

/** The patient's documents of one collection, as JSON, with their stored documents. */
async function byPatient(collection: CollectionName, uid: string) {
  const docs = await findStoredByPatient(collection, uid);
  return { docs, json: docs.map(exported) };
}

/**
 * "Export my data": the patient's profile, health summary, appointments, consultations, clinical records with
 * every version, prescriptions, health-record metadata, consents and access log as `data.json`,
 * with the record files and prescription PDFs, in one ZIP in Cloud Storage behind a signed link
 * valid one hour. Patients only (registry/account.ts). The audit entry is written with the
 * idempotency record: with a key, a retry returns the first answer (its link) and builds nothing.
 *
 * With `onBehalfOf` (issue 15), the holder of a family account exports a dependant's data (a child
 * has no login to do it): only a patient reaches this handler, and a patient's only care links are
 * as a holder, so a health worker never takes a patient's whole record away (they book and upload).
 * The link goes to the holder; the audit entry is theirs on the dependant's behalf.
 */
export async function exportMyData({
  actor: caller,
  input,
  now,
  origin,
}: Call<ExportMyDataRequest>): Promise<ExportResult> {
  const actor = await actingFor(caller, input.onBehalfOf);
  const uid = patientOf(actor);
  const call: IdempotentCall = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "exportMyData",
    request: actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {},
  };
  const recorded = await getRecordedAnswer<ExportResult>(call);
  if (recorded) return recorded;
  const [profile, appointments, consultations, clinicalRecords, prescriptions, records, consents, accessLog] =
    await Promise.all([
      getStored("patients", uid),
      byPatient("appointments", uid),
      byPatient("consultations", uid),
      byPatient("clinicalRecords", uid),
      byPatient("prescriptions", uid),
      byPatient("records", uid),
      byPatient("consents", uid),
      byPatient("accessLog", uid),
    ]);
  const [contact, healthSummary] = await Promise.all([
    getStored("contacts", uid),
    getStored("healthSummaries", uid),
  ]);
  const withVersions = await Promise.all(
    clinicalRecords.docs.map(async (r) => {
      const versions = await findStoredChildren(r, "versions", "version");
      return { ...exported(r), versions: versions.map((v) => plain(v.data)) };
    }),
  );
  const JSZip = (await import("jszip")).default;
  const zip = new JSZip();
  const files: string[] = [];
  for (const r of records.json.filter((r) => r.status === "ready")) {
    const data = await downloadBuffer(r.path as string);
    if (!data) continue;
    const name = `files/records/${r.id}.${String(r.contentType).split("/")[1]}`;
    zip.file(name, data);
    files.push(name);
  }
  for (const p of prescriptions.json) {
    // A PDF nobody has needed yet (no SMS, no link) is rendered now (the JSON says pdfPending).
    if (p.pdfPending === true) await ensurePrescriptionPdf(p.id);
    const data = await downloadBuffer(p.pdfPath as string);
    if (!data) continue;
    const name = `files/prescriptions/${p.id}.pdf`;
    zip.file(name, data);
    files.push(name);
  }
  const content = {
    exportedAt: now.toISOString(),
    uid,
    profile: profile ? plain(profile.data) : null,
    /** The number the patient proved, where messages go. */
    contact: contact ? plain(contact.data) : null,
    /** The health summary, each entry with who recorded it (docs/patient-chart.md). */
    healthSummary: healthSummary ? plain(healthSummary.data) : null,
    appointments: appointments.json,
    consultations: consultations.json,
    clinicalRecords: withVersions,
    prescriptions: prescriptions.json,
    records: records.json,
    consents: consents.json,
    accessLog: accessLog.json,
    files,
  };
  zip.file("data.json", JSON.stringify(content, null, 2));
  const fhir = await patientFhir(uid, { now, include: () => true, withConsents: true });
  if (fhir) {
    zip.file("fhir/resources.ndjson", toNdjson(fhir.resources));
    zip.file(
      "fhir/bundle.json",
      JSON.stringify(collectionBundle(`export-${uid}`, now, fhir.resources), null, 2),
    );
    for (const document of fhir.documents)
      zip.file(`fhir/documents/${document.id}.json`, JSON.stringify(document, null, 2));
    // What could not be mapped, by field: reported, never silently left out.
    if (fhir.problems.length) zip.file("fhir/problems.json", JSON.stringify(fhir.problems, null, 2));
  }
  const archive = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const path = exportPath(uid, now);
  await saveBuffer(path, archive, "application/zip", { kind: "export" });
  const link = await signedDownloadUrl({
    path,
    expiresInSeconds: EXPORT_LINK_SECONDS,
    downloadName: `arogya-export-${now.toISOString().slice(0, 10)}.zip`,
  });
  const result: ExportResult = {
    url: link.url,
    expiresAt: link.expiresAt,
    bytes: archive.length,
    counts: {
      appointments: appointments.json.length,
      consultations: consultations.json.length,
      clinicalRecords: clinicalRecords.json.length,
      prescriptions: prescriptions.json.length,
      records: records.json.length,
      consents: consents.json.length,
      accessLog: accessLog.json.length,
      files: files.length,
    },
  };
  const answer = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<ExportResult>(call, tx);
    if (again) return again;
    recordAction(
      tx,
      { action: "data.exported", actor, org: null, target: { type: "patient", id: uid }, origin },
      now,
    );
    createRecordedAnswer(tx, call, result, now);
    return result;
  });
  if (answer !== result) {
    // A retry with the same key finished first: this archive is a duplicate nobody was given
    // (unless both ran in the same millisecond and wrote the same object, that answer's link).
    if (!answer.url.includes(`${now.getTime()}.zip`)) await deleteObject(path);
    return answer;
  }
  logger.info("data.exported", { uid, bytes: archive.length, files: files.length });
  return result;
}
