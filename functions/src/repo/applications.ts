import type { Transaction, UpdateData, WithFieldValue } from "firebase-admin/firestore";
import { applicationDocSchema, type ApplicationDoc } from "../schemas/documents/applications";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ApplicationDoc };

const applications = () =>
  db().collection(COLLECTIONS.applications).withConverter(converterFor(applicationDocSchema));

/** applications/{uid}: one application per user. */
export const applicationRef = (uid: string) => applications().doc(uid);

export function getApplication(uid: string, tx?: Transaction): Promise<ApplicationDoc | null> {
  return readDoc(applicationRef(uid), tx);
}

export function setApplication(tx: Transaction, application: WithFieldValue<ApplicationDoc>): void {
  tx.set(applicationRef(String(application.uid)), application);
}

export function updateApplication(tx: Transaction, uid: string, patch: UpdateData<ApplicationDoc>): void {
  tx.update(applicationRef(uid), patch);
}

/** The id the pharmacy of a pharmacist's application will have once approved. */
export function newPharmacyId(): string {
  return db().collection(COLLECTIONS.pharmacies).doc().id;
}
