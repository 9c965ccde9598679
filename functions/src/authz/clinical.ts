import type { Actor } from "../domain/identity/actor";

/**
 * Who reads clinical records and prescriptions (the same decision firestore.rules makes for
 * client reads): the patient, the treating doctor, and a doctor the patient consented to.
 *
 * Consent is the health-records capability's document `consents/{patientUid}_{granteeUid}`;
 * this function takes it already read (or null), so the check plugs into any handler.
 */
export type RecordType = "clinical_note" | "prescription";

export interface ConsentView {
  status: string;
  expiresAt: Date;
  scope: { all: boolean; types?: string[] };
}

export function consentCovers(consent: ConsentView | null, type: RecordType, now: Date): boolean {
  if (!consent || consent.status !== "active" || consent.expiresAt.getTime() <= now.getTime()) return false;
  return consent.scope.all || (consent.scope.types ?? []).includes(type);
}

export function canReadClinical(
  actor: Actor,
  record: { patientUid: string; doctorUid: string },
  type: RecordType,
  consent: ConsentView | null,
  now: Date,
): boolean {
  if (actor.uid === record.patientUid) return true;
  if (actor.role !== "doctor") return false;
  return actor.uid === record.doctorUid || consentCovers(consent, type, now);
}

/** Only the appointment's own doctor writes its notes and prescriptions. */
export function isTreatingDoctor(actor: Actor, appointment: { doctorUid: string }): boolean {
  return actor.role === "doctor" && actor.uid === appointment.doctorUid;
}
