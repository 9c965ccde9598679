import type { Transaction } from "firebase-admin/firestore";
import { buildAuditEntry, type AuditInput } from "../domain/audit/entry";
import { COLLECTIONS, db } from "./firestore";

/** Appends an audit entry inside the same transaction as the action it records. */
export function appendAudit(tx: Transaction, input: AuditInput, now: Date): void {
  tx.create(db().collection(COLLECTIONS.auditLog).doc(), buildAuditEntry(input, now));
}

/** Appends an audit entry on its own, for actions that write nothing else to Firestore. */
export async function recordAudit(input: AuditInput, now: Date): Promise<void> {
  await db().collection(COLLECTIONS.auditLog).doc().create(buildAuditEntry(input, now));
}
