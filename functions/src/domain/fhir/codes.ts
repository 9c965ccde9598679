import type { DoseUnit, Frequency, Route } from "../../schemas/prescriptions";
import type { RecordType } from "../../schemas/records";

/**
 * The code systems Arogya's FHIR resources use, and the maps from Arogya's own values to them.
 * Every map is total over Arogya's enum (typed `Record<Enum, …>`), so adding a frequency, route or
 * unit to the schemas fails to compile until its FHIR code is chosen here.
 */
export const SYSTEMS = {
  icd10: "http://hl7.org/fhir/sid/icd-10",
  snomed: "http://snomed.info/sct",
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  gtsAbbreviation: "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  consentScope: "http://terminology.hl7.org/CodeSystem/consentscope",
  consentCategory: "http://loinc.org",
  actReason: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
  allergyClinical: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
  conditionClinical: "http://terminology.hl7.org/CodeSystem/condition-clinical",
  conditionCategory: "http://terminology.hl7.org/CodeSystem/condition-category",
  /** ABDM's identifier system for ABHA numbers. */
  abhaNumber: "https://healthid.abdm.gov.in",
  /** National Medical Commission / state council registration numbers, as ABDM's HPR names them. */
  medicalRegistration: "https://doctor.ndhm.gov.in",
  /** Arogya's own ids, one system per kind of document. */
  arogya: (kind: string) => `https://arogya.health/fhir/id/${kind}`,
} as const;

export interface Coding {
  system: string;
  code: string;
  display: string;
}

/** A code of a code system and its display name. */
export interface Code {
  code: string;
  display: string;
}
/** A measured quantity's code, with its UCUM unit. */
export interface MeasureCode extends Code {
  unit: string;
}

type Row = readonly [code: string, display: string];
type MeasureRow = readonly [code: string, display: string, unit: string];

/** A table written one row a key, each row turned into its entry. */
const table = <K extends string, R, E>(rows: Record<K, R>, entry: (row: R) => E): Record<K, E> =>
  Object.fromEntries(Object.entries<R>(rows).map(([key, row]) => [key, entry(row)])) as Record<K, E>;
/** The tables below are written `key: [code, display]` (measures: `[code, display, unit]`). */
const codes = <K extends string>(rows: Record<K, Row>) =>
  table(rows, ([code, display]): Code => ({ code, display }));
const measures = <K extends string>(rows: Record<K, MeasureRow>) =>
  table(rows, ([code, display, unit]): MeasureCode => ({ code, display, unit }));

/** Doses as UCUM units: `{tbl}`-style annotations for countable forms, real units for measures. */
export const DOSE_UNIT_UCUM = codes<DoseUnit>({
  tablet: ["{tbl}", "tablet"],
  capsule: ["{capsule}", "capsule"],
  ml: ["mL", "mL"],
  mg: ["mg", "mg"],
  g: ["g", "g"],
  drop: ["[drp]", "drop"],
  puff: ["{puff}", "puff"],
  sachet: ["{sachet}", "sachet"],
  application: ["{application}", "application"],
  unit: ["[iU]", "international unit"],
});

/** Routes as SNOMED CT (the FHIR route-codes value set). */
export const ROUTE_SNOMED = codes<Route>({
  oral: ["26643006", "Oral route"],
  topical: ["6064005", "Topical route"],
  iv: ["47625008", "Intravenous route"],
  im: ["78421000", "Intramuscular route"],
  sc: ["34206005", "Subcutaneous route"],
  inhaled: ["447694001", "Respiratory tract route"],
  ophthalmic: ["54485002", "Ophthalmic route"],
  otic: ["10547007", "Otic route"],
  nasal: ["46713006", "Nasal route"],
  rectal: ["37161004", "Rectal route"],
  sublingual: ["37839007", "Sublingual route"],
});

/**
 * Frequencies as FHIR Timing: the HL7 abbreviation where one exists (v3 GTSAbbreviation), the
 * repeat that says the same thing, and `asNeeded` for SOS.
 */
export interface TimingShape {
  code?: Code;
  repeat?: {
    frequency?: number;
    period?: number;
    periodUnit?: "h" | "d" | "wk";
    when?: string[];
    count?: number;
  };
  asNeeded?: boolean;
}
/** `frequency` times every `period` `periodUnit`s, under its HL7 abbreviation. */
const every = (
  [code, display]: Row,
  frequency: number,
  period: number,
  periodUnit: "h" | "d" | "wk",
): TimingShape => ({ code: { code, display }, repeat: { frequency, period, periodUnit } });
export const FREQUENCY_TIMING: Record<Frequency, TimingShape> = {
  OD: every(["QD", "once a day"], 1, 1, "d"),
  BD: every(["BID", "twice a day"], 2, 1, "d"),
  TDS: every(["TID", "three times a day"], 3, 1, "d"),
  QID: every(["QID", "four times a day"], 4, 1, "d"),
  HS: { repeat: { frequency: 1, period: 1, periodUnit: "d", when: ["HS"] } },
  Q4H: every(["Q4H", "every 4 hours"], 1, 4, "h"),
  Q6H: every(["Q6H", "every 6 hours"], 1, 6, "h"),
  Q8H: every(["Q8H", "every 8 hours"], 1, 8, "h"),
  SOS: { asNeeded: true },
  STAT: { repeat: { count: 1 } },
  WEEKLY: every(["WK", "weekly"], 1, 1, "wk"),
};

/** Vitals: the LOINC observation and its UCUM unit, one per field of schemas/clinical.ts vitalsSchema. */
export const VITAL_LOINC = measures({
  temperatureC: ["8310-5", "Body temperature", "Cel"],
  pulseBpm: ["8867-4", "Heart rate", "/min"],
  respiratoryRatePerMin: ["9279-1", "Respiratory rate", "/min"],
  spo2Percent: ["59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%"],
  weightKg: ["29463-7", "Body weight", "kg"],
  heightCm: ["8302-2", "Body height", "cm"],
  bloodGlucoseMgDl: ["2339-0", "Glucose [Mass/volume] in Blood", "mg/dL"],
});
export const BLOOD_PRESSURE = {
  panel: { code: "85354-9", display: "Blood pressure panel with all children optional" },
  ...measures({
    systolic: ["8480-6", "Systolic blood pressure", "mm[Hg]"],
    diastolic: ["8462-4", "Diastolic blood pressure", "mm[Hg]"],
  }),
};

/** Uploaded records' types as LOINC document kinds (DocumentReference.type). */
export const RECORD_TYPE_LOINC = codes<RecordType>({
  lab_report: ["11502-2", "Laboratory report"],
  imaging: ["18748-4", "Diagnostic imaging study"],
  prescription: ["57833-6", "Prescription for medication"],
  discharge_summary: ["18842-5", "Discharge summary"],
  referral: ["57133-1", "Referral note"],
  vaccination: ["11369-6", "History of Immunization Narrative"],
  other: ["34133-9", "Summary of episode note"],
});

/** ABDM's section and document codes (SNOMED CT), as its FHIR implementation guide uses them. */
export const ABDM = {
  ...codes({
    opConsultRecord: ["371530004", "Clinical consultation report"],
    prescriptionRecord: ["440545006", "Prescription record"],
  }),
  sections: codes({
    chiefComplaints: ["422843007", "Chief complaint section"],
    physicalExamination: ["425044008", "Physical exam section"],
    medicalHistory: ["371529009", "History and physical report"],
    allergies: ["722446000", "Allergy record"],
    medications: ["721912009", "Medication summary document"],
    followUp: ["736271009", "Outpatient care plan"],
  }),
};

export const coding = (system: string, entry: Code): Coding => ({
  system,
  code: entry.code,
  display: entry.display,
});
