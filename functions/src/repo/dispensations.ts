import type { Transaction } from "firebase-admin/firestore";
import { dispensationDocSchema, type DispensationDoc } from "../schemas/documents/dispensations";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { DispensationDoc };

/** `dispensations/{prescriptionId}`: who dispensed a prescription, created once. */
const dispensations = documents(COLLECTIONS.dispensations, dispensationDocSchema);

export const dispensationRef = dispensations.ref;
export const getDispensation = dispensations.get;

/**
 * Claims the prescription for one pharmacy, in the transaction that marks it dispensed and
 * records the action: of two pharmacies at the same moment, one commits and the other's
 * transaction, retried, reads the claim and is refused.
 */
export function createDispensation(tx: Transaction, dispensation: DispensationDoc): void {
  dispensations.create(tx, dispensation.prescriptionId, dispensation);
}

/** A later (partial) dispensing: the totals, the fills and whether it is now complete. */
export function updateDispensation(
  tx: Transaction,
  prescriptionId: string,
  patch: Pick<DispensationDoc, "quantities" | "fills" | "complete">,
): void {
  dispensations.update(tx, prescriptionId, patch);
}
