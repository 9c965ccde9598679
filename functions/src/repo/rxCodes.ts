import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { rxCodeDocSchema, type RxCodeDoc } from "../schemas/documents/rxCodes";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { RxCodeDoc };

/** `rxCodes/{code}`: which prescription a short code opens (schemas/documents/rxCodes.ts). */
const rxCodes = documents(COLLECTIONS.rxCodes, rxCodeDocSchema);

export const getRxCode = rxCodes.get;

/** In the prescription's transaction, after `getRxCode` found the code free. */
export function createRxCode(tx: Transaction, code: string, prescriptionId: string, now: Date): void {
  rxCodes.create(tx, code, { prescriptionId, createdAt: Timestamp.fromDate(now) });
}
