import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { rxLinkDocSchema, type RxLinkDoc } from "../schemas/documents/rxLinks";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { RxLinkDoc };

/** `rxLinks/{token}`: one-use short links to a prescription's PDF (schemas/documents/rxLinks.ts). */
const rxLinks = documents(COLLECTIONS.rxLinks, rxLinkDocSchema);

export const getRxLink = rxLinks.get;
/** In the prescription's transaction. */
export const createRxLink = rxLinks.create;

/** In the transaction that read it unused. */
export function markRxLinkUsed(tx: Transaction, token: string, now: Date): void {
  rxLinks.update(tx, token, { usedAt: Timestamp.fromDate(now) });
}
