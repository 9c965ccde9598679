import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { rxCodeDocSchema, type RxCodeDoc } from "../schemas/documents/rxCodes";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { RxCodeDoc };

/** `rxCodes/{code}`: which prescription a short code opens (schemas/documents/rxCodes.ts). */
const rxCodes = () => db().collection(COLLECTIONS.rxCodes).withConverter(converterFor(rxCodeDocSchema));

export function getRxCode(code: string, tx?: Transaction): Promise<RxCodeDoc | null> {
  return readDoc(rxCodes().doc(code), tx);
}

/** In the prescription's transaction, after `getRxCode` found the code free. */
export function createRxCode(tx: Transaction, code: string, prescriptionId: string, now: Date): void {
  tx.create(rxCodes().doc(code), { prescriptionId, createdAt: Timestamp.fromDate(now) });
}
