import type { Transaction } from "firebase-admin/firestore";
import { dispensationDocSchema, type DispensationDoc } from "../schemas/documents/dispensations";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { DispensationDoc };

const ALREADY_EXISTS = 6;

/** `dispensations/{prescriptionId}`: who dispensed a prescription, created once. */
const dispensations = () =>
  db().collection(COLLECTIONS.dispensations).withConverter(converterFor(dispensationDocSchema));

export const dispensationRef = (prescriptionId: string) => dispensations().doc(prescriptionId);

export function getDispensation(prescriptionId: string, tx?: Transaction): Promise<DispensationDoc | null> {
  return readDoc(dispensationRef(prescriptionId), tx);
}

/**
 * Claims the prescription for one pharmacy with one atomic create: of two pharmacies at the same
 * moment, one gets true and the other false (it was already dispensed).
 * TODO(issue 13): outside a transaction, as today; dispensing writes its status, audit entry and
 * event after it.
 */
export async function createDispensation(dispensation: DispensationDoc): Promise<boolean> {
  try {
    await dispensationRef(dispensation.prescriptionId).create(dispensation);
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === ALREADY_EXISTS) return false;
    throw error;
  }
}
