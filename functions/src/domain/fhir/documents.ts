import type { Bundle, Composition, CompositionSection, Resource } from "@medplum/fhirtypes";
import { ABDM, coding, SYSTEMS } from "./codes";
import { MappingProblems } from "./problems";
import {
  ref,
  toAllergyIntolerances,
  toAppointment,
  toConditions,
  toEncounter,
  toMedicationRequests,
  toObservations,
  toOrganization,
  toPatient,
  toPractitioner,
} from "./resources";
import type {
  AppointmentSource,
  ClinicalRecordSource,
  DoctorSource,
  OrganisationSource,
  PatientSource,
  PrescriptionSource,
  SummarySource,
} from "./sources";

/**
 * The documents India's health-information exchange expects (ABDM's FHIR profiles, as far as
 * they can be checked offline): per consultation an OPConsultation record and, per prescription,
 * a Prescription record. Each is a `document` Bundle whose first entry is the Composition; every
 * resource it references is in the Bundle, under a fullUrl on one base, so relative references
 * (`Patient/{uid}`) resolve inside it.
 */

export const FHIR_BASE = "https://arogya.health/fhir";

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const narrative = (text: string) => ({
  status: "generated" as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escape(text)}</p></div>`,
});

const entryOf = (resource: Resource) => ({
  fullUrl: `${FHIR_BASE}/${resource.resourceType}/${resource.id}`,
  resource,
});

function documentBundle(
  id: string,
  timestamp: string,
  composition: Composition,
  resources: Resource[],
): Bundle {
  const seen = new Set<string>();
  const unique = [composition, ...resources].filter((r) => {
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    resourceType: "Bundle",
    id,
    meta: { lastUpdated: timestamp },
    identifier: { system: SYSTEMS.arogya("document"), value: id },
    type: "document",
    timestamp,
    entry: unique.map(entryOf),
  };
}

const section = (
  title: string,
  code: { code: string; display: string },
  entries: Resource[],
  text?: string,
): CompositionSection[] =>
  entries.length || text
    ? [
        {
          title,
          code: { coding: [coding(SYSTEMS.snomed, code)] },
          ...(text ? { text: narrative(text) } : {}),
          ...(entries.length ? { entry: entries.map((r) => ref(r.resourceType, r.id as string)) } : {}),
        },
      ]
    : [];

/** Who and what a document is about: the patient, the doctor, their organisation, the appointment. */
export interface DocumentParties {
  patient: PatientSource;
  doctor: DoctorSource;
  organisation: OrganisationSource;
  appointment: AppointmentSource;
}

/** What heads a document: its id, kind, title and date. */
interface DocumentHead {
  id: string;
  kind: { code: string; display: string };
  title: string;
  date: string;
}

/** The Composition that heads a document: who it is about, by whom, for which encounter, of which kind. */
function compositionOf(
  { id, kind, title, date }: DocumentHead,
  { patient, doctor, organisation, appointment }: DocumentParties,
  section: CompositionSection[],
): Composition {
  return {
    resourceType: "Composition",
    id,
    identifier: { system: SYSTEMS.arogya("composition"), value: id },
    status: "final",
    type: { coding: [coding(SYSTEMS.snomed, kind)], text: title },
    subject: ref("Patient", patient.uid, patient.name),
    encounter: ref("Encounter", appointment.id),
    date,
    author: [ref("Practitioner", doctor.uid, doctor.name)],
    title,
    custodian: ref("Organization", organisation.id, organisation.name),
    section,
  };
}

/**
 * A document Bundle: the Composition with its sections, then the parties' resources (the
 * encounter with its `diagnoses`) and the document's own `resources`. A problem found while
 * mapping them is thrown (MappingProblems).
 */
function documentOf(
  head: DocumentHead,
  parties: DocumentParties,
  sections: CompositionSection[],
  resources: Resource[],
  problems: MappingProblems,
  diagnoses?: ClinicalRecordSource["diagnoses"],
): Bundle {
  const { patient, doctor, organisation, appointment } = parties;
  const bundle = documentBundle(head.id, head.date, compositionOf(head, parties, sections), [
    toPatient(patient, problems.for("Patient")),
    toPractitioner(doctor, problems.for("Practitioner")),
    toOrganization(organisation),
    toEncounter(appointment, diagnoses),
    toAppointment(appointment),
    ...resources,
  ]);
  problems.throwIfAny();
  return bundle;
}

export interface ConsultationInput extends DocumentParties {
  record: ClinicalRecordSource;
  prescriptions: PrescriptionSource[];
  summary?: SummarySource;
}

/** A consultation as an OPConsultation document (ABDM OPConsultRecord): complaints, examination, diagnoses, medicines, plan. */
export function opConsultationBundle(
  input: ConsultationInput,
  problems = new MappingProblems("Bundle"),
): Bundle {
  const { record } = input;
  const conditions = toConditions(record, problems.for("Condition"));
  const observations = toObservations(record, problems.for("Observation"));
  const medications = input.prescriptions.flatMap((rx) =>
    toMedicationRequests(rx, problems.for("MedicationRequest")),
  );
  const allergies = input.summary ? toAllergyIntolerances(input.summary) : [];
  const head = {
    id: `op-${input.appointment.id}`,
    kind: ABDM.opConsultRecord,
    title: "OP Consultation Record",
    date: record.writtenAt,
  };
  return documentOf(
    head,
    input,
    [
      ...section(
        "Chief complaints",
        ABDM.sections.chiefComplaints,
        conditions,
        record.soap.subjective || undefined,
      ),
      ...section(
        "Physical examination",
        ABDM.sections.physicalExamination,
        observations,
        record.soap.objective || undefined,
      ),
      ...section("Allergies", ABDM.sections.allergies, allergies),
      ...section("Medications", ABDM.sections.medications, medications),
      ...section(
        "Follow up",
        ABDM.sections.followUp,
        [],
        [record.soap.assessment, record.soap.plan].filter(Boolean).join(" — ") || undefined,
      ),
    ],
    [...conditions, ...observations, ...allergies, ...medications],
    problems,
    record.diagnoses,
  );
}

export interface PrescriptionInput extends DocumentParties {
  prescription: PrescriptionSource;
}

/** A prescription as a Prescription document (ABDM PrescriptionRecord): one MedicationRequest per line. */
export function prescriptionBundle(
  input: PrescriptionInput,
  problems = new MappingProblems("Bundle"),
): Bundle {
  const { prescription } = input;
  const medications = toMedicationRequests(prescription, problems.for("MedicationRequest"));
  const head = {
    id: `rx-${prescription.id}`,
    kind: ABDM.prescriptionRecord,
    title: "Prescription record",
    date: prescription.issuedAt,
  };
  const sections = section("Prescription", ABDM.prescriptionRecord, medications, prescription.advice);
  return documentOf(head, input, sections, medications, problems);
}
