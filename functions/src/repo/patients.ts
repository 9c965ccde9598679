import type { Transaction } from "firebase-admin/firestore";
import { patientDocSchema, type PatientDoc } from "../schemas/documents/profiles";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { PatientDoc };

const patients = () => db().collection(COLLECTIONS.patients).withConverter(converterFor(patientDocSchema));

export const patientRef = (uid: string) => patients().doc(uid);

export function getPatient(uid: string, tx?: Transaction): Promise<PatientDoc | null> {
  return readDoc(patientRef(uid), tx);
}
