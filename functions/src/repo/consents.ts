import type { ConsentView } from "../authz/clinical";
import type { Actor } from "../domain/identity/actor";
import { COLLECTIONS, db } from "./firestore";

/** `{patient}_{doctorUid}` for a clinician, `{patient}_org:{org}` for an organisation's doctors. */
export const consentId = (patientUid: string, grantee: { granteeUid?: string; granteeOrg?: string }) =>
  `${patientUid}_${grantee.granteeUid ?? `org:${grantee.granteeOrg}`}`;
export const consentRef = (id: string) => db().collection(COLLECTIONS.consents).doc(id);

export function consentView(id: string, data: FirebaseFirestore.DocumentData): ConsentView {
  return {
    id,
    patientUid: data.patientUid,
    granteeUid: data.granteeUid ?? undefined,
    granteeOrg: data.granteeOrg ?? undefined,
    status: data.status,
    expiresAt: data.expiresAt?.toDate?.() ?? new Date(0),
    scope: data.scope ?? { all: false },
  };
}

/** The consents that could let this doctor read this patient's records: by name and by organisation. */
export async function consentsFor(patientUid: string, actor: Actor): Promise<ConsentView[]> {
  if (actor.role !== "doctor") return [];
  const ids = [
    consentId(patientUid, { granteeUid: actor.uid }),
    ...(actor.org ? [consentId(patientUid, { granteeOrg: actor.org })] : []),
  ];
  const snaps = await db().getAll(...ids.map(consentRef));
  return snaps.filter((s) => s.exists).map((s) => consentView(s.id, s.data()!));
}
