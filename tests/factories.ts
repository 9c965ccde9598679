// Typed builders of the documents the tests write, shared by the rules suites (client SDK, seeded
// with the rules disabled) and the integration fixtures (Admin SDK). Each default document is
// checked against the type the functions give it (schemas/documents, the request schemas its
// fields come from, or a repository interface with its Dates stored as Timestamps), so a fixture
// that drifts from what the functions write stops compiling.
//
// Instants and points are the caller's, since each SDK has its own classes: the client SDK's in
// rules tests, the Admin SDK's (or a Date, which the Admin SDK stores as a Timestamp) in
// integration tests. A client Timestamp has every member of the Admin SDK's, so both type-check.
// Overrides are left untyped on purpose: rules tests write invalid shapes to see them refused.
import type { Timestamp } from "firebase-admin/firestore";
import type { ConsentView } from "../functions/src/authz/clinical";
import type { AuditEntry } from "../functions/src/domain/audit/entry";
import type { Actor } from "../functions/src/domain/identity/actor";
import type { AccessLogDoc as AccessEntry } from "../functions/src/schemas/documents/accessLog";
import type { RecordDoc } from "../functions/src/schemas/documents/records";
import type { AppointmentDoc, AppointmentStatus } from "../functions/src/schemas/documents/appointment";
import type { DoctorDoc } from "../functions/src/schemas/documents/profiles";
import type { CreateOrganisationRequest } from "../functions/src/schemas/identity";
import type { MedicationLine } from "../functions/src/schemas/prescriptions";
import type {
  DoctorApplicationProfile,
  PatientProfile,
  PharmacyApplicationProfile,
} from "../functions/src/schemas/profiles";

/** A type as Firestore stores it: its Dates are Timestamps. */
export type Stored<T> = T extends Date
  ? Timestamp
  : T extends Timestamp | ((...args: never[]) => unknown)
    ? T
    : T extends Array<infer U>
      ? Array<Stored<U>>
      : T extends object
        ? { [K in keyof T]: Stored<T[K]> }
        : T;

/** What a caller may pass for a stored instant: a Timestamp, or a Date the Admin SDK converts. */
export type Instant = Timestamp | Date;
/** Fields that replace or extend a default document, valid or not. */
export type Overrides = Record<string, unknown>;

export const KOLKATA = "Asia/Kolkata";

export type Address = PharmacyApplicationProfile["address"];

/** An address in Ludhiana, Punjab. */
export function addressIn(line1: string): Address {
  return { line1, district: "Ludhiana", state: "Punjab", pincode: "141001" };
}

// ---- organisations and people ------------------------------------------------------------------

export type OrganisationDoc = CreateOrganisationRequest & { createdAt: Instant; createdBy: string };

/** organisations/{id}, as createOrganisation writes it. */
export function organisationDoc(
  fields: CreateOrganisationRequest,
  created: { at: Instant; by: string },
): OrganisationDoc {
  return { ...fields, createdAt: created.at, createdBy: created.by };
}

/** What a patient writes to patients/{uid} (with `updatedAt`, stamped by the server). */
export type { PatientProfile };
/** What a doctor applies with; it becomes their profile. */
export type DoctorPractice = DoctorApplicationProfile;
/** What a pharmacy applies with; it becomes its profile, with its location as a GeoPoint. */
export type PharmacyProfile = PharmacyApplicationProfile;

/** The fields a profile gets when an admin approves its application (reviewApplication). */
export function approval(at: Instant, by: string) {
  return { status: "approved", approvedAt: at, approvedBy: by, updatedAt: at };
}

/** doctors/{uid}: an approved doctor of `org`, with the practice they applied with. */
export function doctorDoc(
  uid: string,
  org: string,
  practice: DoctorPractice,
  approved: { at: Instant; by: string },
) {
  return { uid, ...practice, org, ...approval(approved.at, approved.by) } satisfies DoctorDoc;
}

/** A point on the map, as the SDK in use makes it (GeoPoint). */
export interface GeoPointLike {
  latitude: number;
  longitude: number;
}

/** pharmacies/{id}: an approved pharmacy of `org`, with the profile it applied with. */
export function pharmacyDoc(
  profile: Omit<PharmacyApplicationProfile, "location"> & { location: GeoPointLike; geohash: string },
  owner: { org: string; ownerUid: string },
  approved: { at: Instant; by: string },
) {
  return { ...profile, org: owner.org, ownerUid: owner.ownerUid, ...approval(approved.at, approved.by) };
}

/** auditLog/{id}, as buildAuditEntry writes it. */
export type AuditEntryDoc = Stored<AuditEntry>;

// ---- appointments --------------------------------------------------------------------------------

/**
 * appointments/{id}: a 30-minute (or any) appointment as book writes it, then moved to `status` by
 * the doctor when it is not `booked`.
 */
export function appointmentDoc(a: {
  patientUid: string;
  doctorUid: string;
  org: string;
  start: Timestamp;
  end: Timestamp;
  slotLockId: string;
  /** When it was booked (and changed). */
  at: Timestamp;
  mode?: AppointmentDoc["mode"];
  status?: AppointmentStatus;
}): AppointmentDoc {
  const status = a.status ?? "booked";
  return {
    patientUid: a.patientUid,
    doctorUid: a.doctorUid,
    org: a.org,
    start: a.start,
    end: a.end,
    timezone: KOLKATA,
    mode: a.mode ?? "video",
    status,
    slotLockId: a.slotLockId,
    createdAt: a.at,
    updatedAt: a.at,
    history: [
      { event: "booked", at: a.at, by: a.patientUid, role: "patient" },
      ...(status === "booked" ? [] : [{ event: status, at: a.at, by: a.doctorUid, role: "doctor" }]),
    ],
  };
}

// ---- consents, health records and their access log -----------------------------------------------

export type ConsentDoc = Stored<Omit<ConsentView, "id">> & { purpose: string; grantedAt: Timestamp };

/**
 * consents/{patientUid}_{granteeUid} or consents/{patientUid}_org:{org}: an active consent to a
 * clinician or to an organisation's doctors, covering every record type.
 */
export function consentDoc(
  patientUid: string,
  grantee: { granteeUid: string } | { granteeOrg: string },
  c: { expiresAt: Timestamp; grantedAt: Timestamp; purpose: string },
): ConsentDoc {
  return {
    patientUid,
    ...grantee,
    status: "active",
    expiresAt: c.expiresAt,
    scope: { all: true, types: [] },
    purpose: c.purpose,
    grantedAt: c.grantedAt,
  };
}

/** records/{id}: a health record, as requestRecordUpload and confirmRecordUpload leave it. */
export type HealthRecordDoc = Stored<RecordDoc>;

/** accessLog/{id}: one read of a record by someone other than its patient, as logAccess writes it. */
export type AccessLogDoc = Stored<AccessEntry>;

// ---- prescription lines ---------------------------------------------------------------------------

/** The medicine master's id of paracetamol 500 mg tablets. */
export const PARACETAMOL_ID = "paracetamol-500mg-tablet";

/** A line of one tablet or capsule a dose, by mouth: most of what the tests prescribe. */
const oral = (
  name: string,
  strength: string,
  form: "tablet" | "capsule",
  regimen: Pick<MedicationLine, "frequency" | "durationDays" | "quantity">,
): MedicationLine => ({ name, strength, form, dose: { amount: 1, unit: form }, route: "oral", ...regimen });

/**
 * A prescription line as issuePrescription takes it: paracetamol 500 mg, one tablet twice a day
 * for five days (10 tablets). `over` changes the regimen or adds fields (a medicineId, say).
 */
export const paracetamol = (over: Partial<MedicationLine> = {}): MedicationLine => ({
  ...oral("Paracetamol", "500 mg", "tablet", { frequency: "BD", durationDays: 5, quantity: 10 }),
  ...over,
});
/** Paracetamol three times a day for five days: 15 tablets. */
export const PARACETAMOL_TDS = paracetamol({ frequency: "TDS", quantity: 15 });
/** Paracetamol three times a day for three days: 9 tablets. */
export const PARACETAMOL_TDS_3_DAYS = paracetamol({ frequency: "TDS", durationDays: 3, quantity: 9 });
/** Amoxicillin 500 mg, one capsule twice a day for a week: 14 capsules. */
export const AMOXICILLIN = oral("Amoxicillin", "500 mg", "capsule", {
  frequency: "BD",
  durationDays: 7,
  quantity: 14,
});
/** Cetirizine 10 mg, one tablet at bedtime for five days: 5 tablets. */
export const CETIRIZINE = oral("Cetirizine", "10 mg", "tablet", {
  frequency: "HS",
  durationDays: 5,
  quantity: 5,
});

// ---- who asks -------------------------------------------------------------------------------------

/** The actor of a request (domain/identity/actor.ts): of org_1 and not a platform admin, unless `over` says. */
export const actor = (uid: string, role: Actor["role"], over: Partial<Actor> = {}): Actor => ({
  uid,
  role,
  org: "org_1",
  platform: false,
  ...over,
});
