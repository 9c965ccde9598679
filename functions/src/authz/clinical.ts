import type { Actor } from "../domain/identity/actor";

/**
 * Who reads clinical records, prescriptions and health records (the same decision
 * firestore.rules makes for client reads): the patient, the treating doctor, and a doctor the
 * patient consented to, by name or through their organisation.
 *
 * Consents are the documents `consents/{patientUid}_{doctorUid}` and
 * `consents/{patientUid}_org:{org}`; callers pass the ones they read (repo/consents.ts) and a
 * consent counts only if its own fields name this patient and this grantee.
 */
export type RecordType =
  | "clinical_note"
  | "prescription"
  | "lab_report"
  | "imaging"
  | "discharge_summary"
  | "referral"
  | "vaccination"
  | "other"
  /** The patient's chart (authz/chart.ts): demographics and health summary. */
  | "health_summary";

export interface ConsentView {
  id?: string;
  patientUid?: string;
  granteeUid?: string;
  granteeOrg?: string;
  status: string;
  expiresAt: Date;
  scope: { all: boolean; types?: string[]; from?: string; to?: string };
}

/** Active, unexpired, covering the type, and the record's date if the consent limits dates. */
export function consentCovers(
  consent: ConsentView | null,
  type: RecordType,
  now: Date,
  date?: string | null,
): boolean {
  if (!consent || consent.status !== "active" || consent.expiresAt.getTime() <= now.getTime()) return false;
  if (!consent.scope.all && !(consent.scope.types ?? []).includes(type)) return false;
  // A consent limited to dates covers only dated documents (uploaded records).
  if (!date && (consent.scope.from || consent.scope.to)) return false;
  if (date && consent.scope.from && date < consent.scope.from) return false;
  if (date && consent.scope.to && date > consent.scope.to) return false;
  return true;
}

/** The consent names this patient and this doctor (or the doctor's organisation). */
export function consentNames(consent: ConsentView, actor: Actor, patientUid: string): boolean {
  if (consent.patientUid !== patientUid) return false;
  return (
    consent.granteeUid === actor.uid || (consent.granteeOrg !== undefined && consent.granteeOrg === actor.org)
  );
}

/** The first consent that lets this doctor read a record of this type and date, if any. */
export function consentFor(
  actor: Actor,
  patientUid: string,
  type: RecordType,
  consents: ConsentView | ConsentView[] | null,
  now: Date,
  date?: string | null,
): ConsentView | null {
  if (actor.role !== "doctor" || !consents) return null;
  const list = Array.isArray(consents) ? consents : [consents];
  return list.find((c) => consentNames(c, actor, patientUid) && consentCovers(c, type, now, date)) ?? null;
}

export function canReadClinical(
  actor: Actor,
  record: { patientUid: string; doctorUid: string },
  type: RecordType,
  consents: ConsentView | ConsentView[] | null,
  now: Date,
): boolean {
  if (actor.uid === record.patientUid) return true;
  if (actor.role !== "doctor") return false;
  return actor.uid === record.doctorUid || consentFor(actor, record.patientUid, type, consents, now) !== null;
}

export type RecordAccess =
  { basis: "owner" } | { basis: "share"; until: Date } | { basis: "consent"; consentId: string };

/**
 * How an actor may read an uploaded health record, or null: its patient; the doctor of an
 * appointment the patient shared it with, until the share ends; a consented doctor.
 */
export function recordAccess(
  actor: Actor,
  record: { patientUid: string; type: RecordType; date: string; shares?: Record<string, Date> },
  consents: ConsentView[],
  now: Date,
): RecordAccess | null {
  if (actor.uid === record.patientUid) return { basis: "owner" };
  if (actor.role !== "doctor") return null;
  const until = record.shares?.[actor.uid];
  if (until && until.getTime() > now.getTime()) return { basis: "share", until };
  const consent = consentFor(actor, record.patientUid, record.type, consents, now, record.date);
  return consent ? { basis: "consent", consentId: consent.id ?? "" } : null;
}

/** Only the appointment's own doctor writes its notes and prescriptions. */
export function isTreatingDoctor(actor: Actor, appointment: { doctorUid: string }): boolean {
  return actor.role === "doctor" && actor.uid === appointment.doctorUid;
}
