import type { MappingProblems } from "./problems";
import type {
  AppointmentSource,
  ClinicalRecordSource,
  ConsentSource,
  DoctorSource,
  OrganisationSource,
  PatientSource,
  PrescriptionSource,
  RecordSource,
} from "./sources";

/**
 * The FHIR sources (./sources.ts) from documents as stored, in plain JSON (domain/shared/plainJson:
 * timestamps as ISO strings). A document without a field its resource requires is reported by
 * field and yields null: the caller leaves the resource out and reports why, never silently.
 */
type Json = Record<string, unknown>;

const str = (d: Json, key: string): string | undefined =>
  typeof d[key] === "string" ? (d[key] as string) : undefined;

function required(d: Json, keys: string[], problems: MappingProblems, id: string): boolean {
  const missing = keys.filter((k) => d[k] === undefined || d[k] === null || d[k] === "");
  for (const k of missing) problems.add(`${k}`, `is missing (document ${id})`);
  return missing.length === 0;
}

export function patientSource(uid: string, d: Json): PatientSource {
  const address = d.address as PatientSource["address"] | undefined;
  return {
    uid,
    name: str(d, "name"),
    dateOfBirth: str(d, "dateOfBirth"),
    sex: str(d, "sex"),
    phone: str(d, "phone"),
    language: str(d, "language"),
    abhaNumber: str(d, "abhaNumber"),
    ...(address && typeof address === "object" && address.line1 ? { address } : {}),
  };
}

export function doctorSource(uid: string, d: Json, problems: MappingProblems): DoctorSource | null {
  if (!required(d, ["name", "org"], problems, uid)) return null;
  return {
    uid,
    name: d.name as string,
    org: d.org as string,
    status: str(d, "status") ?? "unknown",
    registrationNumber: str(d, "registrationNumber"),
    qualification: str(d, "qualification"),
    specialties: Array.isArray(d.specialties) ? (d.specialties as string[]) : undefined,
    languages: Array.isArray(d.languages) ? (d.languages as string[]) : undefined,
  };
}

export const organisationSource = (id: string, d: Json | null): OrganisationSource => ({
  id,
  name: (d && str(d, "name")) ?? id,
  type: (d && str(d, "type")) ?? "clinic",
  district: d ? str(d, "district") : undefined,
  state: d ? str(d, "state") : undefined,
});

export function appointmentSource(id: string, d: Json, problems: MappingProblems): AppointmentSource | null {
  if (!required(d, ["patientUid", "doctorUid", "org", "start", "end", "mode", "status"], problems, id))
    return null;
  const history = Array.isArray(d.history) ? (d.history as Json[]) : [];
  const cancelled = history.filter((h) => h.event === "cancelled").at(-1);
  return {
    id,
    patientUid: d.patientUid as string,
    doctorUid: d.doctorUid as string,
    org: d.org as string,
    start: d.start as string,
    end: d.end as string,
    createdAt: str(d, "createdAt") ?? (d.start as string),
    mode: d.mode as AppointmentSource["mode"],
    status: d.status as AppointmentSource["status"],
    ...(cancelled && typeof cancelled.reason === "string" ? { cancellationReason: cancelled.reason } : {}),
  };
}

export function clinicalRecordSource(
  id: string,
  d: Json,
  problems: MappingProblems,
): ClinicalRecordSource | null {
  if (!required(d, ["patientUid", "doctorUid", "writtenAt"], problems, id)) return null;
  return {
    appointmentId: str(d, "appointmentId") ?? id,
    patientUid: d.patientUid as string,
    doctorUid: d.doctorUid as string,
    soap: (d.soap as ClinicalRecordSource["soap"]) ?? {},
    diagnoses: Array.isArray(d.diagnoses) ? (d.diagnoses as ClinicalRecordSource["diagnoses"]) : [],
    vitals: (d.vitals as ClinicalRecordSource["vitals"]) ?? null,
    writtenAt: d.writtenAt as string,
  };
}

export function prescriptionSource(
  id: string,
  d: Json,
  problems: MappingProblems,
): PrescriptionSource | null {
  const content = (d.content ?? {}) as Json;
  if (!required(content, ["issuedAt", "lines"], problems.for("Prescription.content"), id)) return null;
  if (!required(d, ["patientUid", "doctorUid", "appointmentId", "status"], problems, id)) return null;
  return {
    id,
    patientUid: d.patientUid as string,
    doctorUid: d.doctorUid as string,
    appointmentId: d.appointmentId as string,
    issuedAt: content.issuedAt as string,
    status: d.status as string,
    lines: content.lines as PrescriptionSource["lines"],
    advice: str(content, "advice"),
    verificationCode: str(d, "verificationCode"),
  };
}

export function recordSource(
  id: string,
  d: Json,
  problems: MappingProblems,
  url?: string,
): RecordSource | null {
  if (!required(d, ["patientUid", "type", "title", "date", "contentType", "createdAt"], problems, id))
    return null;
  return {
    id,
    patientUid: d.patientUid as string,
    type: d.type as string,
    title: d.title as string,
    date: d.date as string,
    contentType: d.contentType as string,
    sizeBytes: typeof d.sizeBytes === "number" ? d.sizeBytes : 0,
    createdAt: d.createdAt as string,
    appointmentId: str(d, "appointmentId") ?? null,
    ...(url ? { url } : {}),
  };
}

export function consentSource(
  id: string,
  d: Json,
  now: string,
  problems: MappingProblems,
): ConsentSource | null {
  if (!required(d, ["patientUid", "purpose", "scope", "status", "grantedAt", "expiresAt"], problems, id))
    return null;
  return {
    id,
    patientUid: d.patientUid as string,
    granteeUid: str(d, "granteeUid"),
    granteeOrg: str(d, "granteeOrg"),
    purpose: d.purpose as string,
    scope: d.scope as ConsentSource["scope"],
    status: d.status as ConsentSource["status"],
    grantedAt: d.grantedAt as string,
    expiresAt: d.expiresAt as string,
    revokedAt: str(d, "revokedAt") ?? null,
    now,
  };
}
