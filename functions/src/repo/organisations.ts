import type { Transaction } from "firebase-admin/firestore";
import type { OrganisationSummary } from "../domain/identity/applications";
import { COLLECTIONS, db } from "./firestore";

export function organisationRef(id: string) {
  return db().collection(COLLECTIONS.organisations).doc(id);
}

export function memberRef(org: string, uid: string) {
  return organisationRef(org).collection(COLLECTIONS.members).doc(uid);
}

export async function getOrganisation(tx: Transaction, id: string): Promise<OrganisationSummary | null> {
  const snap = await tx.get(organisationRef(id));
  if (!snap.exists) return null;
  return { id, type: snap.get("type") };
}

/** Records membership (role, since when); the claims remain the source of truth for access. */
export function setMember(tx: Transaction, org: string, uid: string, role: string, now: Date): void {
  tx.set(memberRef(org, uid), { uid, role, status: "active", since: now });
}

/** The organisation's name (a clinic's, for messages to its patients); null when it has none. */
export async function getOrganisationName(id: string, tx?: Transaction): Promise<string | null> {
  const snap = tx ? await tx.get(organisationRef(id)) : await organisationRef(id).get();
  const name = snap.data()?.name;
  return typeof name === "string" ? name : null;
}
