import type { Bundle, Resource } from "@medplum/fhirtypes";
import { opConsultationBundle, prescriptionBundle } from "../../domain/fhir/documents";
import {
  appointmentSource,
  clinicalRecordSource,
  consentSource,
  doctorSource,
  organisationSource,
  patientSource,
  prescriptionSource,
  recordSource,
} from "../../domain/fhir/fromStored";
import { MappingError, MappingProblems, type MappingProblem } from "../../domain/fhir/problems";
import * as fhir from "../../domain/fhir/resources";
import type {
  AppointmentSource,
  ClinicalRecordSource,
  DoctorSource,
  OrganisationSource,
  PrescriptionSource,
} from "../../domain/fhir/sources";
import { plain } from "../../domain/shared/plainJson";
import { findStoredByPatient, getStored, type StoredDocument } from "../../repo/stored";

type Json = Record<string, unknown>;

/** A document of the patient's that may go into the FHIR answer. */
export interface FhirItem {
  kind: "clinicalRecord" | "prescription" | "record";
  id: string;
  data: Json;
}

export interface PatientFhirOptions {
  now: Date;
  /** Which of the patient's documents go in (all of them for the patient's own export). */
  include: (item: FhirItem) => boolean;
  /** The patient's consents as FHIR Consent resources (the patient's own export only). */
  withConsents?: boolean;
  /** A download link for an uploaded record, minted for this read. */
  linkFor?: (record: Json) => Promise<string | undefined>;
}

export interface PatientFhir {
  /** Every resource once, Patient first. */
  resources: Resource[];
  /** ABDM documents: an OPConsultation per consultation with notes, a Prescription per prescription. */
  documents: Bundle[];
  /** What went in, for the access log. */
  included: FhirItem[];
  /** What could not be mapped, by resource and field. */
  problems: MappingProblem[];
}

const json = (doc: StoredDocument): Json => plain(doc.data) as Json;

/**
 * A patient's record as FHIR R4 (domain/fhir): null when the patient has no profile (never
 * registered, or deleted: nothing of a deleted patient is exported). Reads the patient's
 * documents as stored (repo/stored.ts), keeps those `include` admits, and maps them with the
 * appointments, doctors and organisations they refer to.
 */
export async function patientFhir(uid: string, options: PatientFhirOptions): Promise<PatientFhir | null> {
  const profile = await getStored("patients", uid);
  if (!profile) return null;
  const problems = new MappingProblems("Patient");
  const [clinical, prescriptions, records, appointments, consents] = await Promise.all([
    findStoredByPatient("clinicalRecords", uid),
    findStoredByPatient("prescriptions", uid),
    findStoredByPatient("records", uid),
    findStoredByPatient("appointments", uid),
    // Consents go only into the patient's own export: a doctor's read does not read them.
    options.withConsents ? findStoredByPatient("consents", uid) : Promise.resolve([]),
  ]);
  const items: FhirItem[] = [
    ...clinical.map((d) => ({ kind: "clinicalRecord" as const, id: d.id, data: json(d) })),
    ...prescriptions.map((d) => ({ kind: "prescription" as const, id: d.id, data: json(d) })),
    ...records
      .map((d) => ({ kind: "record" as const, id: d.id, data: json(d) }))
      .filter((r) => r.data.status === "ready"),
  ].filter(options.include);

  const byId = new Map<string, AppointmentSource>();
  for (const a of appointments) {
    const source = appointmentSource(a.id, json(a), problems.for("Appointment"));
    if (source) byId.set(a.id, source);
  }
  const clinicalSources = items
    .filter((i) => i.kind === "clinicalRecord")
    .map((i) => clinicalRecordSource(i.id, i.data, problems.for("ClinicalRecord")))
    .filter((s): s is ClinicalRecordSource => s !== null);
  const rxSources = items
    .filter((i) => i.kind === "prescription")
    .map((i) => prescriptionSource(i.id, i.data, problems.for("Prescription")))
    .filter((s): s is PrescriptionSource => s !== null);
  // The appointments the answer refers to: all of them in the patient's own export, else those of
  // the notes and prescriptions that go in.
  const wanted = options.withConsents
    ? [...byId.values()]
    : [...new Set([...clinicalSources, ...rxSources].map((s) => s.appointmentId))]
        .map((id) => byId.get(id))
        .filter((a): a is AppointmentSource => a !== undefined);
  for (const s of [...clinicalSources, ...rxSources]) {
    if (!byId.has(s.appointmentId))
      problems
        .for("Encounter")
        .add("appointmentId", `names an appointment that does not exist (${s.appointmentId})`);
  }

  const doctors = new Map<string, DoctorSource>();
  const orgs = new Map<string, OrganisationSource>();
  const doctorIds = [...new Set([...wanted.map((a) => a.doctorUid), ...rxSources.map((r) => r.doctorUid)])];
  await Promise.all(
    doctorIds.map(async (id) => {
      const doc = await getStored("doctors", id);
      const source = doc ? doctorSource(id, json(doc), problems.for("Practitioner")) : null;
      if (source) doctors.set(id, source);
      else if (!doc) problems.for("Practitioner").add("doctorUid", `names no doctor (${id})`);
    }),
  );
  const orgIds = [...new Set([...wanted.map((a) => a.org), ...[...doctors.values()].map((d) => d.org)])];
  await Promise.all(
    orgIds.map(async (id) => {
      const doc = await getStored("organisations", id);
      orgs.set(id, organisationSource(id, doc ? json(doc) : null));
    }),
  );

  const patient = patientSource(uid, json(profile));
  const resources: Resource[] = [
    fhir.toPatient(patient, problems),
    ...[...doctors.values()].flatMap((d) => [
      fhir.toPractitioner(d, problems.for("Practitioner")),
      fhir.toPractitionerRole(d),
    ]),
    ...[...orgs.values()].map(fhir.toOrganization),
    ...wanted.flatMap((a) => {
      const rec = clinicalSources.find((c) => c.appointmentId === a.id);
      return [fhir.toAppointment(a), fhir.toEncounter(a, rec?.diagnoses ?? [])];
    }),
    ...clinicalSources.flatMap((c) => [
      ...fhir.toConditions(c, problems.for("Condition")),
      ...fhir.toObservations(c, problems.for("Observation")),
    ]),
    ...rxSources.flatMap((r) => fhir.toMedicationRequests(r, problems.for("MedicationRequest"))),
  ];
  for (const item of items.filter((i) => i.kind === "record")) {
    const url = options.linkFor ? await options.linkFor(item.data) : undefined;
    const source = recordSource(item.id, item.data, problems.for("DocumentReference"), url);
    if (source) resources.push(fhir.toDocumentReference(source, problems.for("DocumentReference")));
  }
  if (options.withConsents) {
    const at = options.now.toISOString();
    for (const c of consents) {
      const source = consentSource(c.id, json(c), problems.for("Consent"), at);
      if (source) resources.push(fhir.toConsent(source, problems.for("Consent")));
    }
  }

  const documents: Bundle[] = [];
  const inputsFor = (appointmentId: string) => {
    const appointment = byId.get(appointmentId);
    const doctor = appointment && doctors.get(appointment.doctorUid);
    const organisation = appointment && orgs.get(appointment.org);
    return appointment && doctor && organisation ? { patient, doctor, organisation, appointment } : null;
  };
  const documentOf = (build: () => Bundle) => {
    try {
      documents.push(build());
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      // Already reported by the resource mapping above; the document is left out because of them.
    }
  };
  for (const record of clinicalSources) {
    const base = inputsFor(record.appointmentId);
    if (!base) continue;
    const ofVisit = rxSources.filter((r) => r.appointmentId === record.appointmentId);
    documentOf(() => opConsultationBundle({ ...base, record, prescriptions: ofVisit }));
  }
  for (const prescription of rxSources) {
    const base = inputsFor(prescription.appointmentId);
    if (base) documentOf(() => prescriptionBundle({ ...base, prescription }));
  }
  return { resources, documents, included: items, problems: dedupe(problems.list) };
}

const dedupe = (list: MappingProblem[]) => [
  ...new Map(list.map((p) => [`${p.resource}|${p.field}|${p.problem}`, p])).values(),
];

/** Resources as NDJSON: one resource per line, as FHIR bulk data exchanges them. */
export const toNdjson = (resources: Resource[]): string =>
  resources.map((r) => JSON.stringify(r)).join("\n") + "\n";

/** Resources as one `collection` Bundle. */
export const collectionBundle = (id: string, at: Date, resources: Resource[]): Bundle => ({
  resourceType: "Bundle",
  id,
  type: "collection",
  timestamp: at.toISOString(),
  entry: resources.map((resource) => ({
    fullUrl: `https://arogya.health/fhir/${resource.resourceType}/${resource.id}`,
    resource,
  })),
});
