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

/**
 * The fields of source `S` a resource requires, taken from the document: each must be present
 * (not null, not empty) or is reported by name, and then the answer is null. Their values are
 * taken as `S` types them (the document schema wrote them), not checked again here.
 * `requiredOf<AppointmentSource>()(d, ["start", "end"], problems, id)`.
 */
const requiredOf =
  <S>() =>
  <K extends keyof S & string>(
    d: Json,
    keys: readonly K[],
    problems: MappingProblems,
    id: string,
  ): Pick<S, K> | null => {
    const missing = keys.filter((k) => d[k] === undefined || d[k] === null || d[k] === "");
    for (const k of missing) problems.add(`${k}`, `is missing (document ${id})`);
    return missing.length ? null : (Object.fromEntries(keys.map((k) => [k, d[k]])) as Pick<S, K>);
  };

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
  const fields = requiredOf<DoctorSource>()(d, ["name", "org"], problems, uid);
  if (!fields) return null;
  return {
    uid,
    ...fields,
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
  const fields = requiredOf<AppointmentSource>()(
    d,
    ["patientUid", "doctorUid", "org", "start", "end", "mode", "status"],
    problems,
    id,
  );
  if (!fields) return null;
  const history = Array.isArray(d.history) ? (d.history as Json[]) : [];
  const cancelled = history.filter((h) => h.event === "cancelled").at(-1);
  return {
    id,
    ...fields,
    createdAt: str(d, "createdAt") ?? fields.start,
    ...(cancelled && typeof cancelled.reason === "string" ? { cancellationReason: cancelled.reason } : {}),
  };
}

export function clinicalRecordSource(
  id: string,
  d: Json,
  problems: MappingProblems,
): ClinicalRecordSource | null {
  const fields = requiredOf<ClinicalRecordSource>()(
    d,
    ["patientUid", "doctorUid", "writtenAt"],
    problems,
    id,
  );
  if (!fields) return null;
  return {
    appointmentId: str(d, "appointmentId") ?? id,
    ...fields,
    soap: (d.soap as ClinicalRecordSource["soap"]) ?? {},
    diagnoses: Array.isArray(d.diagnoses) ? (d.diagnoses as ClinicalRecordSource["diagnoses"]) : [],
    vitals: (d.vitals as ClinicalRecordSource["vitals"]) ?? null,
  };
}

export function prescriptionSource(
  id: string,
  d: Json,
  problems: MappingProblems,
): PrescriptionSource | null {
  const content = (d.content ?? {}) as Json;
  const required = requiredOf<PrescriptionSource>();
  const written = required(content, ["issuedAt", "lines"], problems.for("Prescription.content"), id);
  if (!written) return null;
  const fields = required(d, ["patientUid", "doctorUid", "appointmentId", "status"], problems, id);
  if (!fields) return null;
  return {
    id,
    ...fields,
    ...written,
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
  const fields = requiredOf<RecordSource>()(
    d,
    ["patientUid", "type", "title", "date", "contentType", "createdAt"],
    problems,
    id,
  );
  if (!fields) return null;
  return {
    id,
    ...fields,
    sizeBytes: typeof d.sizeBytes === "number" ? d.sizeBytes : 0,
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
  const fields = requiredOf<ConsentSource>()(
    d,
    ["patientUid", "purpose", "scope", "status", "grantedAt", "expiresAt"],
    problems,
    id,
  );
  if (!fields) return null;
  return {
    id,
    ...fields,
    granteeUid: str(d, "granteeUid"),
    granteeOrg: str(d, "granteeOrg"),
    revokedAt: str(d, "revokedAt") ?? null,
    now,
  };
}
