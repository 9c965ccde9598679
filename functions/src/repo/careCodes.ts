import type { Transaction } from "firebase-admin/firestore";
import { careCodeDocSchema, type CareCodeDoc } from "../schemas/documents/careLinks";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

export type { CareCodeDoc };

/** careCodes/{id}: a care consent's or a handover's pending code, functions only (TTL on `expireAt`). */
const careCodes = () => db().collection(COLLECTIONS.careCodes).withConverter(converterFor(careCodeDocSchema));

export const consentCodeId = (patientUid: string, helperUid: string) => `consent_${patientUid}_${helperUid}`;
export const handoverCodeId = (dependantUid: string) => `handover_${dependantUid}`;

export function getCareCode(id: string, tx?: Transaction): Promise<CareCodeDoc | null> {
  return readDoc(careCodes().doc(id), tx);
}

/** The consent codes waiting on one number (an SMS reply names only its sender's number). */
export function findConsentCodes(
  phoneKey: string,
  tx?: Transaction,
): Promise<Array<CareCodeDoc & { id: string }>> {
  const query = careCodes().where("phoneKey", "==", phoneKey).where("purpose", "==", "consent");
  return readQuery(query, tx);
}

/** The consent codes waiting for one patient. */
export function findPatientConsentCodes(
  patientUid: string,
  tx?: Transaction,
): Promise<Array<CareCodeDoc & { id: string }>> {
  const query = careCodes().where("patientUid", "==", patientUid).where("purpose", "==", "consent");
  return readQuery(query, tx);
}

export function setCareCode(tx: Transaction, id: string, code: CareCodeDoc): void {
  tx.set(careCodes().doc(id), code);
}

export function updateCareCode(
  tx: Transaction,
  id: string,
  patch: Pick<CareCodeDoc, "attempts"> & Partial<Pick<CareCodeDoc, "state">>,
): void {
  tx.update(careCodes().doc(id), patch);
}

export function deleteCareCode(tx: Transaction, id: string): void {
  tx.delete(careCodes().doc(id));
}
