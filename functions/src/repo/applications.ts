import type { Transaction } from "firebase-admin/firestore";
import type { Application } from "../domain/identity/applications";
import { COLLECTIONS, db } from "./firestore";

export function applicationRef(uid: string) {
  return db().collection(COLLECTIONS.applications).doc(uid);
}

export async function getApplication(tx: Transaction, uid: string): Promise<Application | null> {
  const snap = await tx.get(applicationRef(uid));
  return snap.exists ? (snap.data() as Application) : null;
}

export function newPharmacyId(): string {
  return db().collection(COLLECTIONS.pharmacies).doc().id;
}
