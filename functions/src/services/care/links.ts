import { Timestamp } from "firebase-admin/firestore";
import { careLinkId } from "../../authz/care";
import type { AuditInput } from "../../domain/audit/entry";
import { recordAction } from "../../repo/actions";
import type { CareLinkDoc } from "../../repo/careLinks";
import { getApplication } from "../../repo/applications";
import type { Transaction } from "../../repo/transaction";

/** A new link from `patientUid` to `helperUid` (issue 15), as every care handler makes it. */
export function newCareLink(
  fields: Pick<
    CareLinkDoc,
    "patientUid" | "helperUid" | "kind" | "org" | "helperName" | "status" | "registeredByHelper" | "consent"
  >,
  now: Date,
): CareLinkDoc {
  const at = Timestamp.fromDate(now);
  return { ...fields, everRevoked: false, createdAt: at, updatedAt: at, revokedAt: null, revokedBy: null };
}

/**
 * The link a health worker asks for (issue 15): pending until the patient agrees, for the
 * worker's organisation. `registeredByHelper`: the worker registered the patient.
 */
export function pendingWorkerLink(
  patientUid: string,
  worker: { uid: string; org?: string | null },
  helperName: string,
  registeredByHelper: boolean,
  now: Date,
): CareLinkDoc {
  return newCareLink(
    {
      patientUid,
      helperUid: worker.uid,
      kind: "worker",
      org: worker.org ?? null,
      helperName,
      status: "pending",
      registeredByHelper,
      consent: null,
    },
    now,
  );
}

/**
 * Records what a family account (the actor) did on their link to a dependant, on the dependant's
 * behalf: the audit entry's target is the link; a family link has no organisation.
 */
export function recordDependantAction(
  tx: Transaction,
  record: Pick<AuditInput, "action" | "actor" | "origin"> & { dependantUid: string },
  now: Date,
): void {
  const { action, actor, origin, dependantUid } = record;
  const target = { type: "careLink", id: careLinkId(dependantUid, actor.uid) };
  recordAction(tx, { action, actor, onBehalfOf: dependantUid, org: null, target, origin }, now);
}

/** The name a health worker gave on their application: what their patients see. */
export async function workerName(uid: string): Promise<string> {
  const application = await getApplication(uid);
  return application?.role === "healthWorker" ? application.healthWorker.name : "Health worker";
}
