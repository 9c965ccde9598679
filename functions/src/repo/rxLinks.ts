import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { rxLinkDocSchema, type RxLinkDoc } from "../schemas/documents/rxLinks";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { RxLinkDoc };

/** `rxLinks/{token}`: one-use short links to a prescription's PDF (schemas/documents/rxLinks.ts). */
const rxLinks = () => db().collection(COLLECTIONS.rxLinks).withConverter(converterFor(rxLinkDocSchema));

export function getRxLink(token: string, tx?: Transaction): Promise<RxLinkDoc | null> {
  return readDoc(rxLinks().doc(token), tx);
}

/** In the prescription's transaction. */
export function createRxLink(tx: Transaction, token: string, link: RxLinkDoc): void {
  tx.create(rxLinks().doc(token), link);
}

/** In the transaction that read it unused. */
export function markRxLinkUsed(tx: Transaction, token: string, now: Date): void {
  tx.update(rxLinks().doc(token), { usedAt: Timestamp.fromDate(now) });
}
