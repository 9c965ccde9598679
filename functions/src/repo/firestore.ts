import { getFirestore, type Firestore } from "firebase-admin/firestore";

/** Collection names, in one place. firestore.rules uses the same names. */
export const COLLECTIONS = {
  organisations: "organisations",
  members: "members",
  applications: "applications",
  patients: "patients",
  doctors: "doctors",
  pharmacies: "pharmacies",
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
  medicines: "medicines",
  /** Subcollections of pharmacies/{id}: private stock, public stock, CSV imports. */
  inventory: "inventory",
  stock: "stock",
  imports: "imports",
  /** consultations/{appointmentId} and its events/{id}. */
  consultations: "consultations",
  events: "events",
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
  /** events/{eventId} at the top level: domain events for BigQuery (repo/events.ts); not consultations/{id}/events. */
  domainEvents: "events",
  /** rateLimits/{scope}:{key}:{window}[:{shard}]: fixed-window counters (repo/rateLimits.ts). */
  rateLimits: "rateLimits",
} as const;

export function db(): Firestore {
  return getFirestore();
}

/** Firestore's getAll takes many refs, but a request stays small and fast below a few hundred. */
export const GET_ALL_CHUNK = 300;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
