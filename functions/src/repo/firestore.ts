import {
  getFirestore,
  type DocumentReference,
  type Firestore,
  type Query,
  type Transaction,
} from "firebase-admin/firestore";
import { wellFormed } from "./converter";

/** Collection names, in one place. firestore.rules uses the same names. */
export const COLLECTIONS = {
  organisations: "organisations",
  members: "members",
  applications: "applications",
  patients: "patients",
  doctors: "doctors",
  pharmacies: "pharmacies",
  /** pharmacyCells/{geohash cell}: the nearby search's listing of the approved pharmacies (repo/pharmacies.ts). */
  pharmacyCells: "pharmacyCells",
  auditLog: "auditLog",
  availability: "availability",
  appointments: "appointments",
  slotLocks: "slotLocks",
  bookingState: "bookingState",
  doctorSchedules: "doctorSchedules",
  idempotency: "idempotency",
  outbox: "outbox",
  reminders: "reminders",
  optOuts: "optOuts",
  /** contacts/{uid}: the number a user proved they hold, and a clinician's message preferences. */
  contacts: "contacts",
  /** phoneVerifications/{uid}: the user's pending code, as a keyed hash (repo/phoneVerifications.ts). */
  phoneVerifications: "phoneVerifications",
  medicines: "medicines",
  /** Subcollections of pharmacies/{id}: private stock, public stock, CSV imports. */
  inventory: "inventory",
  stock: "stock",
  imports: "imports",
  /** consultations/{appointmentId} and its events/{id} (the session's own log). */
  consultations: "consultations",
  consultationEvents: "events",
  /** clinicalRecords/{appointmentId} (the current version) and its versions/{n}. */
  clinicalRecords: "clinicalRecords",
  versions: "versions",
  prescriptions: "prescriptions",
  /** dispensations/{prescriptionId}: created once, by the first pharmacy to dispense. */
  dispensations: "dispensations",
  /** consents/{patientUid}_{granteeUid}: a patient's consent to a clinician (health-records issue). */
  consents: "consents",
  /** records/{id}: health-record metadata; the files are in Cloud Storage under records/{patient}/. */
  records: "records",
  accessLog: "accessLog",
  /** retained/{patientUid}/…: the legal record of care after an account was deleted; no rule opens it. */
  retained: "retained",
  /** events/{eventId} at the top level: domain events for BigQuery (repo/events.ts). */
  domainEvents: "events",
  /** scheduleChanges/{id}: a doctor's schedule change and its affected appointments (repo/scheduleChanges.ts). */
  scheduleChanges: "scheduleChanges",
  /** rateLimits/{scope}:{key}:{window}[:{shard}]: fixed-window counters (repo/rateLimits.ts). */
  rateLimits: "rateLimits",
  /** revocations/{uid}: from which second the user's ID tokens are valid again (repo/revocations.ts). */
  revocations: "revocations",
  /** healthSummaries/{patientUid}: the patient's health summary (repo/healthSummaries.ts). */
  healthSummaries: "healthSummaries",
  /** alerts/{id}: something a clinic's admins must act on, e.g. a doctor late for a patient waiting (repo/alerts.ts). */
  alerts: "alerts",
  /** rxKeys/{keyId}: public halves of the prescription signing keys, current and retired (repo/rxKeys.ts). */
  rxKeys: "rxKeys",
  /** rxCodes/{code}: the prescription a short code opens (repo/rxCodes.ts). */
  rxCodes: "rxCodes",
  /** rxLinks/{token}: one-use short links in prescription SMS (repo/rxLinks.ts). */
  rxLinks: "rxLinks",
  /** reservations/{id}: a patient's hold on a prescription's lines at a pharmacy (repo/reservations.ts). */
  reservations: "reservations",
  /** conversations/{phoneKey}: the SMS conversation with one phone (repo/conversations.ts). */
  conversations: "conversations",
  /** inboundMessages/{sid}: Twilio messages and call steps already acted on (repo/inboundMessages.ts). */
  inboundMessages: "inboundMessages",
  /** tickets/{id}: call-back requests from the voice line, for the clinic's admins (repo/tickets.ts). */
  tickets: "tickets",
  /** careLinks/{patientUid}_{helperUid}: who may act for a patient (issue 15, repo/careLinks.ts). */
  careLinks: "careLinks",
  /** careCodes/{id}: codes a care consent or a dependant's handover waits for (repo/careCodes.ts). */
  careCodes: "careCodes",
} as const;

/** The Firestore instance: only modules of repo/ hold it (eslint.config.mjs enforces it). */
export function db(): Firestore {
  return getFirestore();
}

/** One document, in the transaction when one is given; null when it does not exist. */
export async function readDoc<T>(ref: DocumentReference<T>, tx?: Transaction): Promise<T | null> {
  const snap = tx ? await tx.get(ref) : await ref.get();
  return snap.exists ? (snap.data() ?? null) : null;
}

/** A query's documents with their ids, in the transaction when one is given; malformed ones skipped. */
export async function readQuery<T>(query: Query<T>, tx?: Transaction): Promise<Array<T & { id: string }>> {
  const snap = tx ? await tx.get(query) : await query.get();
  const out: Array<T & { id: string }> = [];
  for (const doc of snap.docs) {
    const [value] = wellFormed([doc]);
    if (value !== undefined) out.push({ ...value, id: doc.id });
  }
  return out;
}

/** Firestore's getAll takes many refs, but a request stays small and fast below a few hundred. */
export const GET_ALL_CHUNK = 300;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
