import { Timestamp } from "firebase-admin/firestore";
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
