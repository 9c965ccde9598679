import { Timestamp } from "firebase-admin/firestore";
import type { CareLinkDoc } from "../../repo/careLinks";
import { getApplication } from "../../repo/applications";

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

/** The name a health worker gave on their application: what their patients see. */
export async function workerName(uid: string): Promise<string> {
  const application = await getApplication(uid);
  return application?.role === "healthWorker" ? application.healthWorker.name : "Health worker";
}
