import type { Transaction } from "firebase-admin/firestore";
import { careCodeDocSchema, type CareCodeDoc } from "../schemas/documents/careLinks";
import { documents } from "./documents";
import { COLLECTIONS, readQuery } from "./firestore";

export type { CareCodeDoc };

/** careCodes/{id}: a care consent's or a handover's pending code, functions only (TTL on `expireAt`). */
const careCodes = documents(COLLECTIONS.careCodes, careCodeDocSchema);

export const consentCodeId = (patientUid: string, helperUid: string) => `consent_${patientUid}_${helperUid}`;
export const handoverCodeId = (dependantUid: string) => `handover_${dependantUid}`;

export const getCareCode = careCodes.get;

/** The consent codes waiting on one number (an SMS reply names only its sender's number). */
export function findConsentCodes(
  phoneKey: string,
  tx?: Transaction,
): Promise<Array<CareCodeDoc & { id: string }>> {
  const query = careCodes.collection().where("phoneKey", "==", phoneKey).where("purpose", "==", "consent");
  return readQuery(query, tx);
}

/** The consent codes waiting for one patient. */
export function findPatientConsentCodes(
  patientUid: string,
  tx?: Transaction,
): Promise<Array<CareCodeDoc & { id: string }>> {
  const query = careCodes
    .collection()
    .where("patientUid", "==", patientUid)
    .where("purpose", "==", "consent");
  return readQuery(query, tx);
}

export const setCareCode = careCodes.set;

export function updateCareCode(
  tx: Transaction,
  id: string,
  patch: Pick<CareCodeDoc, "attempts"> & Partial<Pick<CareCodeDoc, "state">>,
): void {
  careCodes.update(tx, id, patch);
}

export const deleteCareCode = careCodes.delete;
