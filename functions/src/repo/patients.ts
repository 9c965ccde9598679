import type { Transaction } from "firebase-admin/firestore";
import { patientDocSchema, type PatientDoc } from "../schemas/documents/profiles";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { PatientDoc };

const patients = () => db().collection(COLLECTIONS.patients).withConverter(converterFor(patientDocSchema));

export const patientRef = (uid: string) => patients().doc(uid);

/** A new patient's uid, for one without a login of their own yet (a dependant: issue 15). */
export function newPatientId(): string {
  return patients().doc().id;
}

/** Creates a patient's profile (a patient a health worker registers, a dependant); fails if one exists. */
export function createPatient(tx: Transaction, uid: string, profile: PatientDoc): void {
  tx.create(patientRef(uid), profile);
}

export function updatePatient(tx: Transaction, uid: string, patch: Partial<PatientDoc>): void {
  tx.update(patientRef(uid), patch);
}

export function getPatient(uid: string, tx?: Transaction): Promise<PatientDoc | null> {
  return readDoc(patientRef(uid), tx);
}
