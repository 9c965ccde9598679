import type { Transaction } from "firebase-admin/firestore";
import {
  healthSummaryDocSchema,
  type HealthSummaryDoc,
  type SummaryEntryDoc,
} from "../schemas/documents/healthSummaries";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { HealthSummaryDoc, SummaryEntryDoc };

/** healthSummaries/{patientUid}: the patient's health summary, one document. */
const summaries = () =>
  db().collection(COLLECTIONS.healthSummaries).withConverter(converterFor(healthSummaryDocSchema));

const summaryRef = (patientUid: string) => summaries().doc(patientUid);

/** A new entry id (random, from Firestore's generator). */
export const newSummaryEntryId = () => db().collection(COLLECTIONS.healthSummaries).doc().id;

export function getHealthSummary(patientUid: string, tx?: Transaction): Promise<HealthSummaryDoc | null> {
  return readDoc(summaryRef(patientUid), tx);
}

export function setHealthSummary(tx: Transaction, summary: HealthSummaryDoc): void {
  tx.set(summaryRef(summary.patientUid), summary);
}
