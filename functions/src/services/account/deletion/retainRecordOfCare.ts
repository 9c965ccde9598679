import { Timestamp } from "firebase-admin/firestore";
import {
  RETAINED,
  RETAINED_SUBCOLLECTIONS,
  RETENTION_POLICY,
  retainUntil,
} from "../../../domain/records/retention";
import { moveToRetained, type CareDocument } from "../../../repo/retained";
import { findStoredByPatient, findStoredChildren, type StoredDocument } from "../../../repo/stored";

type RetainedCollection = (typeof RETAINED)[number];

export interface RetainedCare {
  /** How many documents of each collection were moved (subcollections not counted). */
  retained: Record<RetainedCollection, number>;
  /** Documents moved, all collections together (subcollections not counted). */
  moved: number;
  revokedConsents: number;
  retainUntil: Date;
}

const isActive = (consent: StoredDocument) => consent.data.status === "active";

/** The patient's documents of one retained collection, with their subcollection's documents. */
async function careDocuments(collection: RetainedCollection, patientUid: string): Promise<CareDocument[]> {
  const subcollection = RETAINED_SUBCOLLECTIONS[collection];
  const found = await findStoredByPatient(collection, patientUid);
  return Promise.all(
    found.map(async (doc) => ({
      ...doc,
      collection,
      subcollection,
      children: subcollection ? await findStoredChildren(doc, subcollection) : [],
    })),
  );
}

/**
 * An appointment's patient card (name, sex, age: docs/patient-chart.md) is a copy of the profile,
 * which is erased: the archive keeps the appointment without it.
 */
function withoutPatientCard(doc: CareDocument): CareDocument {
  if (doc.collection !== "appointments" || !("patient" in doc.data)) return doc;
  const { patient: _card, ...data } = doc.data;
  return { ...doc, data };
}

/**
 * Step 3. The record of care (appointments, consultations, clinical records, prescriptions and the
 * consents given, domain/records/retention.ts) moves as stored into `retained/{uid}` for the legal
 * period; consents still active are revoked on the way, so none outlives the account.
 */
export async function retainRecordOfCare(patientUid: string, now: Date): Promise<RetainedCare> {
  const until = retainUntil(now);
  const found = await Promise.all(RETAINED.map((collection) => careDocuments(collection, patientUid)));
  const consents = found[RETAINED.indexOf("consents")];
  const documents = found
    .flat()
    .map((doc) =>
      doc.collection === "consents" && isActive(doc)
        ? { ...doc, data: { ...doc.data, status: "revoked", revokedAt: now } }
        : doc,
    )
    .map(withoutPatientCard);
  await moveToRetained(
    {
      patientUid,
      deletedAt: Timestamp.fromDate(now),
      retainUntil: Timestamp.fromDate(until),
      policy: RETENTION_POLICY,
    },
    documents,
  );
  return {
    retained: Object.fromEntries(RETAINED.map((c, i) => [c, found[i].length])) as Record<
      RetainedCollection,
      number
    >,
    moved: documents.length,
    revokedConsents: consents.filter(isActive).length,
    retainUntil: until,
  };
}
