import type { DocumentSnapshot } from "firebase-admin/firestore";
import type { ConsentView } from "../authz/clinical";
import type { Actor } from "../domain/identity/actor";
import { consentDocSchema, type ConsentDoc } from "../schemas/documents/consents";
import { wellFormed } from "./converter";
import { documents } from "./documents";
import { COLLECTIONS, db } from "./firestore";

export type { ConsentDoc };

const consents = documents(COLLECTIONS.consents, consentDocSchema);

/** `{patient}_{doctorUid}` for a clinician, `{patient}_org:{org}` for an organisation's doctors. */
export const consentId = (patientUid: string, grantee: { granteeUid?: string; granteeOrg?: string }) =>
  `${patientUid}_${grantee.granteeUid ?? `org:${grantee.granteeOrg}`}`;

export const getConsent = consents.get;
/** Grants (or grants again, replacing the earlier grant). */
export const setConsent = consents.set;
export const updateConsent = consents.update;

/** A consent as authz/clinical.ts decides with it. */
export function consentView(id: string, consent: ConsentDoc): ConsentView {
  return {
    id,
    patientUid: consent.patientUid,
    granteeUid: consent.granteeUid,
    granteeOrg: consent.granteeOrg,
    status: consent.status,
    expiresAt: consent.expiresAt.toDate(),
    scope: consent.scope,
  };
}

/**
 * The consents that could let this doctor read this patient's records: by name and by organisation
 * (one read for both). A malformed consent is left out: it grants nothing.
 */
export async function consentsFor(patientUid: string, actor: Actor): Promise<ConsentView[]> {
  if (actor.role !== "doctor") return [];
  const ids = [
    consentId(patientUid, { granteeUid: actor.uid }),
    ...(actor.org ? [consentId(patientUid, { granteeOrg: actor.org })] : []),
  ];
  // getAll keeps each reference's converter; only its declared type forgets it.
  const snaps = (await db().getAll(...ids.map(consents.ref))) as Array<DocumentSnapshot<ConsentDoc>>;
  return wellFormed(snaps.filter((s) => s.exists).map((s) => ({ data: () => consentView(s.id, s.data()!) })));
}
