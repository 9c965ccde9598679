import { Timestamp } from "firebase-admin/firestore";
import type { ChartAccess } from "../../authz/chart";
import type { RecordAccess } from "../../authz/clinical";
import type { Actor } from "../../domain/identity/actor";
import { createAccessLogEntries } from "../../repo/accessLog";
import { runTransaction } from "../../repo/transaction";

/** One record an actor read, and on what basis (authz/clinical.ts `recordAccess`). */
export interface RecordRead {
  patientUid: string;
  recordId: string;
  access: RecordAccess;
}

/**
 * Writes the reads to the access log, all or none: every record listed or downloaded, the
 * patient's own reads too (basis `owner`; the patient's view of the log shows the others).
 */
export async function logRecordReads(
  actor: Actor,
  action: "list" | "download" | "fhir",
  reads: RecordRead[],
  now: Date,
): Promise<void> {
  if (!reads.length) return;
  const at = Timestamp.fromDate(now);
  const entries = reads.map(({ patientUid, recordId, access }) => ({
    patientUid,
    recordId,
    actorUid: actor.uid,
    actorRole: actor.role,
    action,
    basis: access.basis,
    consentId: access.basis === "consent" ? access.consentId : null,
    at,
  }));
  await runTransaction(async (tx) => createAccessLogEntries(tx, entries));
}

/**
 * A clinician's read of a patient's chart (handlers/chart/getPatientChart.ts): one `chart` entry
 * with its basis, and a `list` entry for each shared record the chart listed, all or none.
 */
export async function logChartRead(
  actor: Actor,
  patientUid: string,
  access: Exclude<ChartAccess, { basis: "owner" }>,
  records: RecordRead[],
  now: Date,
): Promise<void> {
  const at = Timestamp.fromDate(now);
  const chart = {
    patientUid,
    recordId: null,
    actorUid: actor.uid,
    actorRole: actor.role,
    action: "chart" as const,
    basis: access.basis,
    consentId: access.basis === "consent" ? access.consentId : null,
    appointmentId: access.basis === "care" ? access.appointmentId : null,
    at,
  };
  const listed = records.map(({ recordId, access: recordAccess }) => ({
    patientUid,
    recordId,
    actorUid: actor.uid,
    actorRole: actor.role,
    action: "list" as const,
    basis: recordAccess.basis,
    consentId: recordAccess.basis === "consent" ? recordAccess.consentId : null,
    at,
  }));
  await runTransaction(async (tx) => createAccessLogEntries(tx, [chart, ...listed]));
}
