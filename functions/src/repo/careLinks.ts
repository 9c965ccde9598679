import type { Transaction, UpdateData } from "firebase-admin/firestore";
import { careLinkId, type CareLinkFacts } from "../authz/care";
import { careLinkDocSchema, type CareLinkDoc } from "../schemas/documents/careLinks";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { CareLinkDoc };

/** careLinks/{patientUid}_{helperUid}: a helper's authority to act for a patient (authz/care.ts). */
const careLinks = documents(COLLECTIONS.careLinks, careLinkDocSchema);

export function getCareLink(
  patientUid: string,
  helperUid: string,
  tx?: Transaction,
): Promise<CareLinkDoc | null> {
  return careLinks.get(careLinkId(patientUid, helperUid), tx);
}

export function setCareLink(tx: Transaction, link: CareLinkDoc): void {
  careLinks.set(tx, careLinkId(link.patientUid, link.helperUid), link);
}

export function updateCareLink(
  tx: Transaction,
  patientUid: string,
  helperUid: string,
  patch: UpdateData<CareLinkDoc>,
): void {
  careLinks.update(tx, careLinkId(patientUid, helperUid), patch);
}

/** A link as authz/care.ts decides with it. */
export function careLinkFacts(link: CareLinkDoc): CareLinkFacts {
  return {
    patientUid: link.patientUid,
    helperUid: link.helperUid,
    kind: link.kind,
    org: link.org,
    status: link.status,
    registeredByHelper: link.registeredByHelper,
    everRevoked: link.everRevoked,
  };
}
