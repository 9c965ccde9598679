import type { Transaction, WithFieldValue } from "firebase-admin/firestore";
import { applicationDocSchema, type ApplicationDoc } from "../schemas/documents/applications";
import { documents } from "./documents";
import { COLLECTIONS, db } from "./firestore";

export type { ApplicationDoc };

/** applications/{uid}: one application per user. */
const applications = documents(COLLECTIONS.applications, applicationDocSchema);

export const applicationRef = applications.ref;
export const getApplication = applications.get;
export const updateApplication = applications.update;

export function setApplication(tx: Transaction, application: WithFieldValue<ApplicationDoc>): void {
  tx.set(applicationRef(String(application.uid)), application);
}

/** The id the pharmacy of a pharmacist's application will have once approved. */
export function newPharmacyId(): string {
  return db().collection(COLLECTIONS.pharmacies).doc().id;
}
