// `npm run bench:fhir`: how fast a patient's record becomes FHIR, written to bench/results/fhir.json
// and printed. Needs no emulator: the mapping (functions/src/domain/fhir) is pure.
//
// A patient with 20 consultations, each with a clinical note (2 diagnoses, 6 vitals) and a
// prescription of 3 lines. One iteration maps the whole record: 20 OPConsultation documents,
// 20 Prescription documents and the collection of every resource; the baseline serialises the
// same source documents with JSON.stringify. Both run in turn in each iteration, after WARMUP
// unmeasured ones, so they see the same machine state. Bundle sizes are the serialised bytes.
import { opConsultationBundle, prescriptionBundle } from "../functions/src/domain/fhir/documents";
import {
  toAppointment,
  toConditions,
  toEncounter,
  toMedicationRequests,
  toObservations,
  toOrganization,
  toPatient,
  toPractitioner,
} from "../functions/src/domain/fhir/resources";
import type { ClinicalRecordSource, PrescriptionSource } from "../functions/src/domain/fhir/sources";
import { median, round, writeResults } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 5;
const VISITS = 20;

const patient = {
  uid: "pat1",
  name: "Asha Devi",
  dateOfBirth: "1990-04-12",
  sex: "female",
  phone: "+919876543210",
  language: "hi",
  abhaNumber: "91-2345-6789-0124",
  address: { line1: "Ward 4", village: "Sidhwan", district: "Ludhiana", state: "Punjab", pincode: "141010" },
};
const doctor = {
  uid: "doc1",
  name: "Dr Kaur",
  org: "clinic1",
  status: "approved",
  registrationNumber: "PMC-12345",
};
const organisation = { id: "clinic1", name: "Village Clinic", type: "clinic" };

const visits = Array.from({ length: VISITS }, (_, i) => {
  const start = new Date(Date.UTC(2026, 0, 5 + i * 7, 4, 30)).toISOString();
  const end = new Date(Date.parse(start) + 15 * 60_000).toISOString();
  const appointment = {
    id: `appt${i}`,
    patientUid: "pat1",
    doctorUid: "doc1",
    org: "clinic1",
    start,
    end,
    createdAt: start,
    mode: "video" as const,
    status: "completed" as const,
  };
  const record: ClinicalRecordSource = {
    appointmentId: appointment.id,
    patientUid: "pat1",
    doctorUid: "doc1",
    soap: {
      subjective: "Fever and cough",
      objective: "Chest clear",
      assessment: "Viral fever",
      plan: "Rest",
    },
    diagnoses: [
      { code: "R50.9", description: "Fever, unspecified", primary: true },
      { code: "R05", description: "Cough" },
    ],
    vitals: {
      temperatureC: 38.2,
      pulseBpm: 92,
      systolicMmHg: 120,
      diastolicMmHg: 80,
      spo2Percent: 97,
      weightKg: 55,
    },
    writtenAt: end,
  };
  const line = (name: string, frequency: "BD" | "TDS" | "SOS") => ({
    name,
    strength: "500 mg",
    form: "tablet" as const,
    dose: { amount: 1, unit: "tablet" as const },
    frequency,
    ...(frequency === "SOS" ? { maxPerDay: 3 } : {}),
    route: "oral" as const,
    durationDays: 5,
    quantity: 15,
  });
  const prescription: PrescriptionSource = {
    id: `rx${i}`,
    patientUid: "pat1",
    doctorUid: "doc1",
    appointmentId: appointment.id,
    issuedAt: end,
    status: "issued",
    lines: [line("Paracetamol", "SOS"), line("Amoxicillin", "TDS"), line("Cetirizine", "BD")],
  };
  return { appointment, record, prescription };
});

function mapAll(): { documents: object[]; resources: object[] } {
  const documents: object[] = [];
  const resources: object[] = [toPatient(patient), toPractitioner(doctor), toOrganization(organisation)];
  for (const v of visits) {
    documents.push(
      opConsultationBundle({
        patient,
        doctor,
        organisation,
        appointment: v.appointment,
        record: v.record,
        prescriptions: [v.prescription],
      }),
      prescriptionBundle({
        patient,
        doctor,
        organisation,
        appointment: v.appointment,
        prescription: v.prescription,
      }),
    );
    resources.push(
      toAppointment(v.appointment),
      toEncounter(v.appointment, v.record.diagnoses),
      ...toConditions(v.record),
      ...toObservations(v.record),
      ...toMedicationRequests(v.prescription),
    );
  }
  return { documents, resources };
}

const fhirMs: number[] = [];
const jsonMs: number[] = [];
let bytes = { fhir: 0, documents: 0, json: 0 };
for (let run = 0; run < WARMUP + RUNS; run += 1) {
  let t = performance.now();
  const out = mapAll();
  const fhirText = out.documents.map((d) => JSON.stringify(d)).join("\n") + JSON.stringify(out.resources);
  const fhir = performance.now() - t;
  t = performance.now();
  const jsonText = JSON.stringify({ patient, doctor, organisation, visits });
  const json = performance.now() - t;
  if (run >= WARMUP) {
    fhirMs.push(fhir);
    jsonMs.push(json);
  }
  bytes = {
    fhir: fhirText.length,
    documents: out.documents.reduce((n: number, d) => n + JSON.stringify(d).length, 0) / out.documents.length,
    json: jsonText.length,
  };
}

const results = {
  visits: VISITS,
  runs: RUNS,
  fhirMedianMs: round(median(fhirMs), 3),
  jsonStringifyMedianMs: round(median(jsonMs), 4),
  ratioFhirToJson: round(median(fhirMs) / median(jsonMs), 1),
  recordsPerSecond: round(1000 / median(fhirMs), 1),
  bundlesPerSecond: round((2 * VISITS) / (median(fhirMs) / 1000), 0),
  bytes: { allFhir: bytes.fhir, averageDocumentBundle: Math.round(bytes.documents), sourceJson: bytes.json },
};
const file = writeResults("fhir", results);
console.log(JSON.stringify(results, null, 2));
console.log(`written to ${file}`);
