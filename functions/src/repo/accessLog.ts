import type { Transaction } from "firebase-admin/firestore";
import { accessLogDocSchema, type AccessLogDoc } from "../schemas/documents/accessLog";
import { converterFor } from "./converter";
import { COLLECTIONS, db } from "./firestore";

export type { AccessLogDoc };

/** accessLog/{id}: one entry per record listed or downloaded; the patient reads theirs. */
const accessLog = () =>
  db().collection(COLLECTIONS.accessLog).withConverter(converterFor(accessLogDocSchema));

/** Adds entries to the access log (a request logs at most a page of records, 50). */
export function createAccessLogEntries(tx: Transaction, entries: AccessLogDoc[]): void {
  for (const entry of entries) tx.create(accessLog().doc(), entry);
}
