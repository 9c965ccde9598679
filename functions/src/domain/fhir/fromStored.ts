import type { MappingProblems } from "./problems";
import type * as Sources from "./sources";

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

/**
 * The mapper of one kind of document to its source: the fields the resource requires (`requires`,
 * through requiredOf; a document without one maps to null) and `build`, which adds the rest.
 * Arguments after the problems (`extra`) go to `build`.
 */
const sourceOf =
  <S>() =>
  <K extends keyof S & string, A extends unknown[] = []>(
    requires: readonly K[],
    build: (id: string, d: Json, fields: Pick<S, K>, ...extra: A) => S,
  ) =>
  (id: string, d: Json, problems: MappingProblems, ...extra: A): S | null => {
    const fields = requiredOf<S>()(d, requires, problems, id);
    return fields && build(id, d, fields, ...extra);
  };

export function patientSource(uid: string, d: Json): Sources.PatientSource {
  const address = d.address as Sources.PatientSource["address"] | undefined;
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

export const doctorSource = sourceOf<Sources.DoctorSource>()(["name", "org"], (uid, d, fields) => ({
  uid,
  ...fields,
  status: str(d, "status") ?? "unknown",
  registrationNumber: str(d, "registrationNumber"),
  qualification: str(d, "qualification"),
  specialties: Array.isArray(d.specialties) ? (d.specialties as string[]) : undefined,
  languages: Array.isArray(d.languages) ? (d.languages as string[]) : undefined,
}));

export const organisationSource = (id: string, d: Json | null): Sources.OrganisationSource => ({
  id,
  name: (d && str(d, "name")) ?? id,
  type: (d && str(d, "type")) ?? "clinic",
  district: d ? str(d, "district") : undefined,
  state: d ? str(d, "state") : undefined,
});

export const appointmentSource = sourceOf<Sources.AppointmentSource>()(
  ["patientUid", "doctorUid", "org", "start", "end", "mode", "status"],
  (id, d, fields) => {
    const history = Array.isArray(d.history) ? (d.history as Json[]) : [];
    const cancelled = history.filter((h) => h.event === "cancelled").at(-1);
    return {
      id,
      ...fields,
      createdAt: str(d, "createdAt") ?? fields.start,
      ...(cancelled && typeof cancelled.reason === "string" ? { cancellationReason: cancelled.reason } : {}),
    };
  },
);

export const clinicalRecordSource = sourceOf<Sources.ClinicalRecordSource>()(
  ["patientUid", "doctorUid", "writtenAt"],
  (id, d, fields) => ({
    appointmentId: str(d, "appointmentId") ?? id,
    ...fields,
    soap: (d.soap as Sources.ClinicalRecordSource["soap"]) ?? {},
    diagnoses: Array.isArray(d.diagnoses) ? (d.diagnoses as Sources.ClinicalRecordSource["diagnoses"]) : [],
    vitals: (d.vitals as Sources.ClinicalRecordSource["vitals"]) ?? null,
  }),
);

export function prescriptionSource(
  id: string,
  d: Json,
  problems: MappingProblems,
): Sources.PrescriptionSource | null {
  const content = (d.content ?? {}) as Json;
  const required = requiredOf<Sources.PrescriptionSource>();
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

/** A health record file; `url`, when given, is where its content can be fetched. */
export const recordSource = sourceOf<Sources.RecordSource>()(
  ["patientUid", "type", "title", "date", "contentType", "createdAt"],
  (id, d, fields, url?: string) => ({
    id,
    ...fields,
    sizeBytes: typeof d.sizeBytes === "number" ? d.sizeBytes : 0,
    appointmentId: str(d, "appointmentId") ?? null,
    ...(url ? { url } : {}),
  }),
);

/** A consent as of `now` (an ISO instant), which decides whether it is still in force. */
export const consentSource = sourceOf<Sources.ConsentSource>()(
  ["patientUid", "purpose", "scope", "status", "grantedAt", "expiresAt"],
  (id, d, fields, now: string) => ({
    id,
    ...fields,
    granteeUid: str(d, "granteeUid"),
    granteeOrg: str(d, "granteeOrg"),
    revokedAt: str(d, "revokedAt") ?? null,
    now,
  }),
);
