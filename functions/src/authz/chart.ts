import type { Actor } from "../domain/identity/actor";
import { consentFor, type ConsentView } from "./clinical";

/**
 * Who reads a patient's chart (demographics, health summary, past consultations, shared records)
 * and who adds to the health summary (docs/patient-chart.md).
 *
 * - The patient, always.
 * - The treating doctor during care: an appointment of theirs with the patient, booked or
 *   completed, from its booking (`createdAt`) until `windowDays` days after it ends. The end is
 *   exclusive: at exactly end + windowDays the window is closed (as a consent's `expiresAt`).
 * - A doctor under a consent (by name or through their organisation) that covers the
 *   `health_summary` type (or every type), active and unexpired; a consent limited to dates does
 *   not cover the chart, which is undated (authz/clinical.ts `consentCovers`).
 *
 * Nobody else: not another doctor, a pharmacist, an admin (of the clinic or the platform).
 *
 * Clinicians read the chart only through `getPatientChart`, which decides with this function and
 * logs the read: firestore.rules lets no clinician read a profile or a health summary directly
 * (a direct read could not be logged). What the chart lists besides (past consultations, shared
 * records) is chosen with the decisions firestore.rules mirrors for those documents
 * (`canReadClinical`, `recordAccess`), so the chart shows exactly what the rules let this doctor
 * open; tests/integration/chart.int.test.ts checks both on the same cases.
 */

/** The consent scope type that covers a patient's chart. */
export const CHART_CONSENT_TYPE = "health_summary" as const;

/** An appointment as the decision needs it. */
export interface CareAppointment {
  id: string;
  patientUid: string;
  doctorUid: string;
  status: string;
  createdAt: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
const CARING = ["booked", "completed"];

/** The instant the care window of an appointment closes. */
export function careWindowEnd(appointment: Pick<CareAppointment, "end">, windowDays: number): Date {
  return new Date(appointment.end.getTime() + windowDays * DAY_MS);
}

/** This appointment makes its doctor the patient's treating doctor at `now`. */
export function careCovers(appointment: CareAppointment, now: Date, windowDays: number): boolean {
  return (
    CARING.includes(appointment.status) &&
    appointment.createdAt.getTime() <= now.getTime() &&
    now.getTime() < careWindowEnd(appointment, windowDays).getTime()
  );
}

export type ChartAccess =
  | { basis: "owner" }
  | { basis: "care"; appointmentId: string; until: Date }
  | { basis: "consent"; consentId: string };

/** The appointment that makes this doctor the patient's treating doctor now, if any. */
export function treatingAppointment(
  actor: Actor,
  patientUid: string,
  appointments: readonly CareAppointment[],
  now: Date,
  windowDays: number,
): CareAppointment | null {
  if (actor.role !== "doctor") return null;
  const covering = appointments.filter(
    (a) => a.doctorUid === actor.uid && a.patientUid === patientUid && careCovers(a, now, windowDays),
  );
  // The one whose window lasts longest, so the answer says until when access holds.
  return covering.sort((a, b) => b.end.getTime() - a.end.getTime())[0] ?? null;
}

/** How an actor may read a patient's chart, or null. */
export function chartAccess(
  actor: Actor,
  patientUid: string,
  appointments: readonly CareAppointment[],
  consents: ConsentView[],
  now: Date,
  windowDays: number,
): ChartAccess | null {
  if (actor.uid === patientUid && actor.role === "patient") return { basis: "owner" };
  if (actor.role !== "doctor") return null;
  const care = treatingAppointment(actor, patientUid, appointments, now, windowDays);
  if (care) return { basis: "care", appointmentId: care.id, until: careWindowEnd(care, windowDays) };
  const consent = consentFor(actor, patientUid, CHART_CONSENT_TYPE, consents, now);
  return consent ? { basis: "consent", consentId: consent.id ?? "" } : null;
}

/**
 * Who adds to the health summary: the patient, and the treating doctor during care (a consent
 * lets a doctor read the chart, not write to it).
 */
export function canAddToSummary(
  actor: Actor,
  patientUid: string,
  appointments: readonly CareAppointment[],
  now: Date,
  windowDays: number,
): { as: "patient" } | { as: "doctor"; appointmentId: string } | null {
  if (actor.uid === patientUid && actor.role === "patient") return { as: "patient" };
  const care = treatingAppointment(actor, patientUid, appointments, now, windowDays);
  return care ? { as: "doctor", appointmentId: care.id } : null;
}
