import type { Transaction, UpdateData } from "firebase-admin/firestore";
import { careLinkId, type CareLinkFacts } from "../authz/care";
import { careLinkDocSchema, type CareLinkDoc } from "../schemas/documents/careLinks";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { CareLinkDoc };

/** careLinks/{patientUid}_{helperUid}: a helper's authority to act for a patient (authz/care.ts). */
const careLinks = () => db().collection(COLLECTIONS.careLinks).withConverter(converterFor(careLinkDocSchema));

const careLinkRef = (patientUid: string, helperUid: string) =>
  careLinks().doc(careLinkId(patientUid, helperUid));

export function getCareLink(
  patientUid: string,
  helperUid: string,
  tx?: Transaction,
): Promise<CareLinkDoc | null> {
  return readDoc(careLinkRef(patientUid, helperUid), tx);
}

export function setCareLink(tx: Transaction, link: CareLinkDoc): void {
  tx.set(careLinkRef(link.patientUid, link.helperUid), link);
}

export function updateCareLink(
  tx: Transaction,
  patientUid: string,
  helperUid: string,
  patch: UpdateData<CareLinkDoc>,
): void {
  tx.update(careLinkRef(patientUid, helperUid), patch);
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
