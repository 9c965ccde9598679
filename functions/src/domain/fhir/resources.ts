import type {
  AllergyIntolerance,
  Appointment,
  CodeableConcept,
  Condition,
  Consent,
  DocumentReference,
  Dosage,
  Encounter,
  Identifier,
  MedicationRequest,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
  ResourceType,
  ExtractResource,
} from "@medplum/fhirtypes";
import { verhoeffValid } from "../../schemas/checksums";
import {
  BLOOD_PRESSURE,
  coding,
  DOSE_UNIT_UCUM,
  FREQUENCY_TIMING,
  RECORD_TYPE_LOINC,
  ROUTE_SNOMED,
  SYSTEMS,
  VITAL_LOINC,
  type TimingShape,
} from "./codes";
import { MappingProblems } from "./problems";
import type {
  AppointmentSource,
  ClinicalRecordSource,
  ConsentSource,
  DoctorSource,
  OrganisationSource,
  PatientSource,
  PrescriptionSource,
  RecordSource,
  SummarySource,
} from "./sources";

/**
 * Arogya's documents as FHIR R4 resources. Pure: each function takes a plain view of the stored
 * document (./sources.ts, times as ISO strings) and returns the resource; what cannot be mapped
 * (a missing code, a unit FHIR has no code for) is collected with its field path and thrown as
 * one MappingError by the caller (./problems.ts), never dropped.
 *
 * Ids are Arogya's document ids; references are relative (`Patient/{uid}`), so a Bundle whose
 * fullUrls share one base resolves them (./documents.ts).
 */

export const ref = <K extends ResourceType>(
  type: K,
  id: string,
  display?: string,
): Reference<ExtractResource<K>> => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});

const arogyaId = (kind: string, value: string): Identifier => ({ system: SYSTEMS.arogya(kind), value });

/** ABHA number as an identifier: only one that passes its format and Verhoeff check (else a problem). */
function abhaIdentifier(abha: string | undefined, problems: MappingProblems): Identifier[] {
  if (!abha) return [];
  if (!/^\d{2}-\d{4}-\d{4}-\d{4}$/.test(abha) || !verhoeffValid(abha.replace(/-/g, ""))) {
    problems.add("abhaNumber", "is not a valid ABHA number (format XX-XXXX-XXXX-XXXX and check digit)");
    return [];
  }
  return [
    {
      use: "official",
      type: {
        coding: [
          {
            system: "https://nrces.in/ndhm/fhir/r4/CodeSystem/ndhm-identifier-type-code",
            code: "ABHA",
            display: "Ayushman Bharat Health Account (ABHA) number",
          },
        ],
      },
      system: SYSTEMS.abhaNumber,
      value: abha,
    },
  ];
}

const GENDER = { female: "female", male: "male", other: "other" } as const;

export function toPatient(p: PatientSource, problems = new MappingProblems("Patient")): Patient {
  const gender = p.sex === undefined ? undefined : GENDER[p.sex as keyof typeof GENDER];
  if (p.sex !== undefined && !gender)
    problems.add("sex", `has a value FHIR has no gender for (${JSON.stringify(p.sex)})`);
  if (p.dateOfBirth !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth))
    problems.add("dateOfBirth", "is not a date (YYYY-MM-DD)");
  return {
    resourceType: "Patient",
    id: p.uid,
    identifier: [arogyaId("patient", p.uid), ...abhaIdentifier(p.abhaNumber, problems)],
    ...(p.name ? { name: [{ text: p.name }] } : {}),
    ...(gender ? { gender } : {}),
    ...(p.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth) ? { birthDate: p.dateOfBirth } : {}),
    ...(p.phone ? { telecom: [{ system: "phone", value: p.phone, use: "mobile" }] } : {}),
    ...(p.address
      ? {
          address: [
            {
              use: "home",
              line: [p.address.line1, ...(p.address.line2 ? [p.address.line2] : [])],
              ...(p.address.village ? { city: p.address.village } : {}),
              district: p.address.district,
              state: p.address.state,
              postalCode: p.address.pincode,
              country: "IN",
            },
          ],
        }
      : {}),
    ...(p.language
      ? {
          communication: [
            { language: { coding: [{ system: "urn:ietf:bcp:47", code: p.language }] }, preferred: true },
          ],
        }
      : {}),
  };
}

export function toPractitioner(
  d: DoctorSource,
  problems = new MappingProblems("Practitioner"),
): Practitioner {
  if (!d.registrationNumber)
    problems.add("registrationNumber", "is missing: a practitioner needs their registration");
  return {
    resourceType: "Practitioner",
    id: d.uid,
    identifier: [
      arogyaId("practitioner", d.uid),
      ...(d.registrationNumber
        ? [
            {
              type: {
                coding: [
                  {
                    system: "http://terminology.hl7.org/CodeSystem/v2-0203",
                    code: "MD",
                    display: "Medical License number",
                  },
                ],
              },
              system: SYSTEMS.medicalRegistration,
              value: d.registrationNumber,
            },
          ]
        : []),
    ],
    name: [{ text: d.name }],
    ...(d.qualification ? { qualification: [{ code: { text: d.qualification } }] } : {}),
    ...(d.languages?.length
      ? { communication: d.languages.map((code) => ({ coding: [{ system: "urn:ietf:bcp:47", code }] })) }
      : {}),
  };
}

export const toPractitionerRole = (d: DoctorSource): PractitionerRole => ({
  resourceType: "PractitionerRole",
  id: `${d.uid}-${d.org}`,
  active: d.status === "approved",
  practitioner: ref("Practitioner", d.uid, d.name),
  organization: ref("Organization", d.org),
  ...(d.specialties?.length ? { specialty: d.specialties.map((text) => ({ text })) } : {}),
});

export const toOrganization = (o: OrganisationSource): Organization => ({
  resourceType: "Organization",
  id: o.id,
  identifier: [arogyaId("organisation", o.id)],
  active: true,
  name: o.name,
  type: [{ text: o.type }],
  ...(o.district || o.state
    ? {
        address: [
          {
            ...(o.district ? { district: o.district } : {}),
            ...(o.state ? { state: o.state } : {}),
            country: "IN",
          },
        ],
      }
    : {}),
});

/** An appointment's status as the FHIR Appointment's and as its Encounter's. */
const STATUS = {
  booked: { appointment: "booked", encounter: "planned" },
  cancelled: { appointment: "cancelled", encounter: "cancelled" },
  completed: { appointment: "fulfilled", encounter: "finished" },
  no_show: { appointment: "noshow", encounter: "cancelled" },
} as const satisfies Record<
  AppointmentSource["status"],
  { appointment: Appointment["status"]; encounter: Encounter["status"] }
>;

const MODE_SERVICE = {
  video: { code: "VR", display: "virtual" },
  in_person: { code: "AMB", display: "ambulatory" },
} as const;

export const toAppointment = (a: AppointmentSource): Appointment => ({
  resourceType: "Appointment",
  id: a.id,
  identifier: [arogyaId("appointment", a.id)],
  status: STATUS[a.status].appointment,
  serviceType: [{ text: a.mode === "video" ? "Video consultation" : "In-person consultation" }],
  start: a.start,
  end: a.end,
  created: a.createdAt,
  ...(a.cancellationReason ? { cancelationReason: { text: a.cancellationReason } } : {}),
  participant: [
    { actor: ref("Patient", a.patientUid), status: "accepted", required: "required" },
    { actor: ref("Practitioner", a.doctorUid), status: "accepted", required: "required" },
  ],
});

/** The consultation itself: video as a virtual encounter, in person as ambulatory. */
export const toEncounter = (
  a: AppointmentSource,
  diagnoses: ClinicalRecordSource["diagnoses"] = [],
): Encounter => ({
  resourceType: "Encounter",
  id: a.id,
  identifier: [arogyaId("encounter", a.id)],
  status: STATUS[a.status].encounter,
  class: { system: SYSTEMS.actCode, ...MODE_SERVICE[a.mode] },
  subject: ref("Patient", a.patientUid),
  participant: [{ individual: ref("Practitioner", a.doctorUid) }],
  appointment: [ref("Appointment", a.id)],
  period: { start: a.start, end: a.end },
  serviceProvider: ref("Organization", a.org),
  ...(diagnoses.length
    ? {
        diagnosis: diagnoses.map((d, i) => ({
          condition: ref("Condition", `${a.id}-dx-${i}`),
          ...(d.primary ? { rank: 1 } : {}),
        })),
      }
    : {}),
});

const ICD10 = /^[A-TV-Z]\d[0-9AB](\.[0-9A-TV-Z]{1,4})?$/;

/** Each diagnosis of a clinical record as a Condition coded in ICD-10 (an encounter diagnosis). */
export function toConditions(
  rec: ClinicalRecordSource,
  problems = new MappingProblems("Condition"),
): Condition[] {
  return rec.diagnoses.flatMap((d, i) => {
    if (!d.code || !ICD10.test(d.code)) {
      problems.add(`diagnoses.${i}.code`, d.code ? `is not an ICD-10 code (${d.code})` : "is missing");
      return [];
    }
    return [
      {
        resourceType: "Condition",
        id: `${rec.appointmentId}-dx-${i}`,
        clinicalStatus: {
          coding: [{ system: SYSTEMS.conditionClinical, code: "active", display: "Active" }],
        },
        category: [
          {
            coding: [
              {
                system: SYSTEMS.conditionCategory,
                code: "encounter-diagnosis",
                display: "Encounter Diagnosis",
              },
            ],
          },
        ],
        code: {
          coding: [{ system: SYSTEMS.icd10, code: d.code, display: d.description }],
          text: d.description,
        },
        subject: ref("Patient", rec.patientUid),
        encounter: ref("Encounter", rec.appointmentId),
        recordedDate: rec.writtenAt,
        recorder: ref("Practitioner", rec.doctorUid),
      } satisfies Condition,
    ];
  });
}

const quantity = (value: number, unit: string) => ({ value, unit, system: SYSTEMS.ucum, code: unit });

/** Vitals as Observations coded in LOINC with UCUM units; blood pressure as one panel with two components. */
export function toObservations(
  rec: ClinicalRecordSource,
  problems = new MappingProblems("Observation"),
): Observation[] {
  const vitals = rec.vitals ?? {};
  const base = (key: string): Omit<Observation, "code"> => ({
    resourceType: "Observation",
    id: `${rec.appointmentId}-${key}`,
    status: "final",
    category: [
      { coding: [{ system: SYSTEMS.observationCategory, code: "vital-signs", display: "Vital Signs" }] },
    ],
    subject: ref("Patient", rec.patientUid),
    encounter: ref("Encounter", rec.appointmentId),
    effectiveDateTime: rec.writtenAt,
    performer: [ref("Practitioner", rec.doctorUid)],
  });
  const out: Observation[] = [];
  for (const [key, value] of Object.entries(vitals)) {
    if (key === "systolicMmHg" || key === "diastolicMmHg" || value === undefined) continue;
    const loinc = VITAL_LOINC[key as keyof typeof VITAL_LOINC];
    if (!loinc) {
      problems.add(`vitals.${key}`, "has no LOINC code and unit to map to");
      continue;
    }
    out.push({
      ...base(key),
      code: { coding: [coding(SYSTEMS.loinc, loinc)], text: loinc.display },
      valueQuantity: quantity(value, loinc.unit),
    });
  }
  if (vitals.systolicMmHg !== undefined && vitals.diastolicMmHg !== undefined) {
    out.push({
      ...base("bloodPressure"),
      code: { coding: [coding(SYSTEMS.loinc, BLOOD_PRESSURE.panel)], text: "Blood pressure" },
      component: [
        {
          code: { coding: [coding(SYSTEMS.loinc, BLOOD_PRESSURE.systolic)] },
          valueQuantity: quantity(vitals.systolicMmHg, BLOOD_PRESSURE.systolic.unit),
        },
        {
          code: { coding: [coding(SYSTEMS.loinc, BLOOD_PRESSURE.diastolic)] },
          valueQuantity: quantity(vitals.diastolicMmHg, BLOOD_PRESSURE.diastolic.unit),
        },
      ],
    });
  } else if ((vitals.systolicMmHg === undefined) !== (vitals.diastolicMmHg === undefined)) {
    problems.add("vitals.diastolicMmHg", "blood pressure needs both systolic and diastolic");
  }
  return out;
}

function timingOf(frequency: string, path: string, problems: MappingProblems): TimingShape | null {
  const timing = (FREQUENCY_TIMING as Record<string, TimingShape>)[frequency];
  if (!timing) problems.add(path, `has no FHIR timing (${JSON.stringify(frequency)})`);
  return timing ?? null;
}

/** A prescription line's dosage as FHIR Dosage: HL7 timing abbreviation, SNOMED route, UCUM dose. */
function dosageOf(
  line: PrescriptionSource["lines"][number],
  i: number,
  problems: MappingProblems,
): Dosage | null {
  const timing = timingOf(line.frequency, `lines.${i}.frequency`, problems);
  const unit = (DOSE_UNIT_UCUM as Record<string, { code: string; display: string }>)[line.dose.unit];
  if (!unit) problems.add(`lines.${i}.dose.unit`, `has no UCUM unit (${JSON.stringify(line.dose.unit)})`);
  const route = (ROUTE_SNOMED as Record<string, { code: string; display: string }>)[line.route];
  if (!route) problems.add(`lines.${i}.route`, `has no SNOMED CT route (${JSON.stringify(line.route)})`);
  if (!timing || !unit || !route) return null;
  return {
    sequence: 1,
    text: [`${line.dose.amount} ${unit.display}`, line.frequency, line.instructions]
      .filter(Boolean)
      .join(", "),
    timing: {
      ...(timing.code
        ? { code: { coding: [{ system: SYSTEMS.gtsAbbreviation, ...timing.code }], text: line.frequency } }
        : { code: { text: line.frequency } }),
      ...(timing.repeat
        ? {
            repeat: {
              ...timing.repeat,
              ...(timing.repeat.count
                ? {}
                : {
                    boundsDuration: { value: line.durationDays, unit: "d", system: SYSTEMS.ucum, code: "d" },
                  }),
            },
          }
        : {
            repeat: {
              boundsDuration: { value: line.durationDays, unit: "d", system: SYSTEMS.ucum, code: "d" },
            },
          }),
    } as Dosage["timing"],
    ...(timing.asNeeded ? { asNeededBoolean: true } : {}),
    ...(line.maxPerDay
      ? {
          maxDosePerPeriod: {
            numerator: quantity(line.maxPerDay * line.dose.amount, unit.code),
            denominator: { value: 1, unit: "d", system: SYSTEMS.ucum, code: "d" },
          },
        }
      : {}),
    route: { coding: [coding(SYSTEMS.snomed, route)], text: line.route },
    doseAndRate: [
      {
        doseQuantity: { value: line.dose.amount, unit: unit.display, system: SYSTEMS.ucum, code: unit.code },
      },
    ],
    ...(line.instructions ? { patientInstruction: line.instructions } : {}),
  };
}

const RX_STATUS = { issued: "active", dispensed: "completed", cancelled: "cancelled" } as const;

/** Each line of a prescription as a MedicationRequest (an order by the prescriber, with its dosage and supply). */
export function toMedicationRequests(
  rx: PrescriptionSource,
  problems = new MappingProblems("MedicationRequest"),
): MedicationRequest[] {
  const status = (RX_STATUS as Record<string, MedicationRequest["status"]>)[rx.status];
  if (!status) problems.add("status", `has no FHIR status (${JSON.stringify(rx.status)})`);
  return rx.lines.flatMap((line, i) => {
    const dosage = dosageOf(line, i, problems);
    if (!dosage || !status) return [];
    const medication: CodeableConcept = { text: `${line.name} ${line.strength} (${line.form})` };
    return [
      {
        resourceType: "MedicationRequest",
        id: `${rx.id}-${i + 1}`,
        identifier: [arogyaId("prescription-line", `${rx.id}-${i + 1}`)],
        groupIdentifier: arogyaId("prescription", rx.id),
        status,
        intent: "order",
        medicationCodeableConcept: medication,
        subject: ref("Patient", rx.patientUid),
        encounter: ref("Encounter", rx.appointmentId),
        authoredOn: rx.issuedAt,
        requester: ref("Practitioner", rx.doctorUid),
        dosageInstruction: [dosage],
        dispenseRequest: {
          quantity: {
            value: line.quantity,
            unit:
              (DOSE_UNIT_UCUM as Record<string, { display: string }>)[line.dose.unit]?.display ?? line.form,
          },
          expectedSupplyDuration: { value: line.durationDays, unit: "d", system: SYSTEMS.ucum, code: "d" },
        },
        ...(rx.advice ? { note: [{ text: rx.advice }] } : {}),
      } satisfies MedicationRequest,
    ];
  });
}

/** An uploaded record's metadata; the file itself is a link minted on request (`url`), never stored in the resource. */
export function toDocumentReference(
  r: RecordSource,
  problems = new MappingProblems("DocumentReference"),
): DocumentReference {
  const type = (RECORD_TYPE_LOINC as Record<string, { code: string; display: string }>)[r.type];
  if (!type) problems.add("type", `has no LOINC document type (${JSON.stringify(r.type)})`);
  return {
    resourceType: "DocumentReference",
    id: r.id,
    identifier: [arogyaId("record", r.id)],
    status: "current",
    ...(type ? { type: { coding: [coding(SYSTEMS.loinc, type)], text: r.type } } : {}),
    subject: ref("Patient", r.patientUid),
    date: r.createdAt,
    description: r.title,
    content: [
      {
        attachment: {
          contentType: r.contentType,
          title: r.title,
          size: r.sizeBytes,
          creation: r.date,
          ...(r.url ? { url: r.url } : {}),
        },
      },
    ],
    ...(r.appointmentId ? { context: { encounter: [ref("Encounter", r.appointmentId)] } } : {}),
  };
}

const PURPOSE = {
  treatment: { code: "TREAT", display: "treatment" },
  second_opinion: { code: "TREAT", display: "treatment" },
  referral: { code: "TREAT", display: "treatment" },
  follow_up: { code: "TREAT", display: "treatment" },
} as const;

/** A patient's consent to a clinician or an organisation, as a FHIR Consent (patient privacy, permit). */
export function toConsent(c: ConsentSource, problems = new MappingProblems("Consent")): Consent {
  const purpose = (PURPOSE as Record<string, { code: string; display: string }>)[c.purpose];
  if (!purpose) problems.add("purpose", `has no FHIR purpose of use (${JSON.stringify(c.purpose)})`);
  const grantee = c.granteeUid
    ? ref("Practitioner", c.granteeUid)
    : c.granteeOrg
      ? ref("Organization", c.granteeOrg)
      : null;
  if (!grantee) problems.add("granteeUid", "names neither a clinician nor an organisation");
  return {
    resourceType: "Consent",
    id: c.id,
    status: c.status === "active" && c.expiresAt > c.now ? "active" : "inactive",
    scope: {
      coding: [{ system: SYSTEMS.consentScope, code: "patient-privacy", display: "Privacy Consent" }],
    },
    category: [{ coding: [{ system: SYSTEMS.loinc, code: "59284-0", display: "Patient Consent" }] }],
    patient: ref("Patient", c.patientUid),
    dateTime: c.grantedAt,
    policy: [{ uri: "https://arogya.health/policies/consent" }],
    provision: {
      type: "permit",
      period: { start: c.grantedAt, end: c.revokedAt ?? c.expiresAt },
      ...(grantee
        ? {
            actor: [
              {
                role: {
                  coding: [
                    {
                      system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                      code: "IRCP",
                      display: "information recipient",
                    },
                  ],
                },
                reference: grantee,
              },
            ],
          }
        : {}),
      ...(purpose ? { purpose: [{ system: SYSTEMS.actReason, ...purpose }] } : {}),
      ...(c.scope.all
        ? {}
        : { class: (c.scope.types ?? []).map((t) => ({ system: SYSTEMS.arogya("record-type"), code: t })) }),
      ...(c.scope.from || c.scope.to
        ? {
            dataPeriod: {
              ...(c.scope.from ? { start: c.scope.from } : {}),
              ...(c.scope.to ? { end: c.scope.to } : {}),
            },
          }
        : {}),
    },
  };
}

/** The allergies of a patient's health summary, each marked with who recorded it. */
export function toAllergyIntolerances(s: SummarySource): AllergyIntolerance[] {
  return s.allergies.map((a, i) => ({
    resourceType: "AllergyIntolerance",
    id: `${s.patientUid}-allergy-${i}`,
    clinicalStatus: { coding: [{ system: SYSTEMS.allergyClinical, code: "active", display: "Active" }] },
    code: { text: a.text },
    patient: ref("Patient", s.patientUid),
    ...(a.recordedAt ? { recordedDate: a.recordedAt } : {}),
    ...(a.recordedBy
      ? { recorder: ref(a.recordedByRole === "doctor" ? "Practitioner" : "Patient", a.recordedBy) }
      : {}),
  }));
}
