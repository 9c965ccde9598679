import type { Transaction } from "firebase-admin/firestore";
import { patientDocSchema, type PatientDoc } from "../schemas/documents/profiles";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { PatientDoc };

const patients = documents(COLLECTIONS.patients, patientDocSchema);

export const patientRef = patients.ref;
/** A new patient's uid, for one without a login of their own yet (a dependant: issue 15). */
export const newPatientId = patients.newId;
/** Creates a patient's profile (a patient a health worker registers, a dependant); fails if one exists. */
export const createPatient = patients.create;
export const getPatient = patients.get;

export function updatePatient(tx: Transaction, uid: string, patch: Partial<PatientDoc>): void {
  tx.update(patients.ref(uid), patch);
}
