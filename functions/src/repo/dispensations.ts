import type { Transaction } from "firebase-admin/firestore";
import { dispensationDocSchema, type DispensationDoc } from "../schemas/documents/dispensations";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { DispensationDoc };

/** `dispensations/{prescriptionId}`: who dispensed a prescription, created once. */
const dispensations = () =>
  db().collection(COLLECTIONS.dispensations).withConverter(converterFor(dispensationDocSchema));

export const dispensationRef = (prescriptionId: string) => dispensations().doc(prescriptionId);

export function getDispensation(prescriptionId: string, tx?: Transaction): Promise<DispensationDoc | null> {
  return readDoc(dispensationRef(prescriptionId), tx);
}

/**
 * Claims the prescription for one pharmacy, in the transaction that marks it dispensed and
 * records the action: of two pharmacies at the same moment, one commits and the other's
 * transaction, retried, reads the claim and is refused.
 */
export function createDispensation(tx: Transaction, dispensation: DispensationDoc): void {
  tx.create(dispensationRef(dispensation.prescriptionId), dispensation);
}

/** A later (partial) dispensing: the totals, the fills and whether it is now complete. */
export function updateDispensation(
  tx: Transaction,
  prescriptionId: string,
  patch: Pick<DispensationDoc, "quantities" | "fills" | "complete">,
): void {
  tx.update(dispensationRef(prescriptionId), patch);
}
