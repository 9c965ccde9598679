import type { Transaction } from "firebase-admin/firestore";
import {
  healthSummaryDocSchema,
  type HealthSummaryDoc,
  type SummaryEntryDoc,
} from "../schemas/documents/healthSummaries";
import { documents } from "./documents";
import { COLLECTIONS } from "./firestore";

export type { HealthSummaryDoc, SummaryEntryDoc };

/** healthSummaries/{patientUid}: the patient's health summary, one document. */
const summaries = documents(COLLECTIONS.healthSummaries, healthSummaryDocSchema);

/** A new entry id (random, from Firestore's generator). */
export const newSummaryEntryId = summaries.newId;
export const getHealthSummary = summaries.get;

export function setHealthSummary(tx: Transaction, summary: HealthSummaryDoc): void {
  summaries.set(tx, summary.patientUid, summary);
}
