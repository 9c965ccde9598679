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

/** The organisation's name as printed on prescriptions; null when it has none or does not exist. */
export async function getOrganisationName(id: string): Promise<string | null> {
  const name: unknown = (await organisationRef(id).get()).data()?.name;
  return typeof name === "string" ? name : null;
}
