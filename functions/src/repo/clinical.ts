import type { Transaction } from "firebase-admin/firestore";
import {
  clinicalRecordDocSchema,
  clinicalVersionDocSchema,
  type ClinicalRecordDoc,
  type ClinicalVersionDoc,
} from "../schemas/documents/clinicalRecords";
import { converterFor } from "./converter";
import { documents } from "./documents";
import { COLLECTIONS, readQuery } from "./firestore";

export type { ClinicalRecordDoc, ClinicalVersionDoc };

/**
 * `clinicalRecords/{appointmentId}` (the current version) and its `versions/{nnnn}` (every
 * version, never overwritten): the clinical record of an appointment, as opposed to the health
 * record files patients upload (repo/records.ts).
 */
const clinicalRecords = documents(COLLECTIONS.clinicalRecords, clinicalRecordDocSchema);
const versionConverter = converterFor(clinicalVersionDocSchema);

const clinicalVersionRef = (appointmentId: string, version: number) =>
  clinicalRecords
    .ref(appointmentId)
    .collection(COLLECTIONS.versions)
    .withConverter(versionConverter)
    .doc(String(version).padStart(4, "0"));

/** The current version of an appointment's clinical record; null before the first write. */
export const getClinicalRecord = clinicalRecords.get;

/** Adds a version; it must not exist (a version is written once). */
export function createClinicalVersion(tx: Transaction, version: ClinicalVersionDoc): void {
  tx.create(clinicalVersionRef(version.appointmentId, version.version), version);
}

/** Makes `record` the current version. */
export function setClinicalRecord(tx: Transaction, record: ClinicalRecordDoc): void {
  clinicalRecords.set(tx, record.appointmentId, record);
}

/**
 * A patient's clinical records (current versions), newest first, at most `limit`; malformed ones
 * left out. Index: patientUid, createdAt desc.
 */
export function findClinicalRecordsOf(
  patientUid: string,
  limit: number,
): Promise<Array<ClinicalRecordDoc & { id: string }>> {
  return readQuery(
    clinicalRecords
      .collection()
      .where("patientUid", "==", patientUid)
      .orderBy("createdAt", "desc")
      .limit(limit),
  );
}
