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

/**
 * Outside a transaction, as dispensing does today.
 * TODO(issue 13): dispensing writes its status, audit entry and event in one commit.
 */
export async function updatePrescription(id: string, patch: UpdateData<PrescriptionDoc>): Promise<void> {
  await prescriptionRef(id).update(patch);
}
