import type { Transaction, UpdateData } from "firebase-admin/firestore";
import { prescriptionDocSchema, type PrescriptionDoc } from "../schemas/documents/prescriptions";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { PrescriptionDoc };

/** `prescriptions/{id}`: signed prescriptions (schemas/documents/prescriptions.ts). */
const prescriptions = () =>
  db().collection(COLLECTIONS.prescriptions).withConverter(converterFor(prescriptionDocSchema));

export const prescriptionRef = (id: string) => prescriptions().doc(id);

/** A fresh id for a prescription, known before it is signed (the signature covers it). */
export const newPrescriptionId = (): string => prescriptions().doc().id;

export function getPrescription(id: string, tx?: Transaction): Promise<PrescriptionDoc | null> {
  return readDoc(prescriptionRef(id), tx);
}

export function createPrescription(tx: Transaction, id: string, prescription: PrescriptionDoc): void {
  tx.create(prescriptionRef(id), prescription);
}

/** In the transaction of the change (dispensing: with its claim, audit entry and event). */
export function updatePrescription(tx: Transaction, id: string, patch: UpdateData<PrescriptionDoc>): void {
  tx.update(prescriptionRef(id), patch);
}
