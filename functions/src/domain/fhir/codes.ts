import type { DoseUnit, Frequency, Route } from "../../schemas/prescriptions";
import type { RecordType } from "../../schemas/records";

/**
 * The code systems Arogya's FHIR resources use, and the maps from Arogya's own values to them.
 * Every map is total over Arogya's enum (`satisfies Record<…>`), so adding a frequency, route or
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

/** Doses as UCUM units: `{tbl}`-style annotations for countable forms, real units for measures. */
export const DOSE_UNIT_UCUM = {
  tablet: { code: "{tbl}", display: "tablet" },
  capsule: { code: "{capsule}", display: "capsule" },
  ml: { code: "mL", display: "mL" },
  mg: { code: "mg", display: "mg" },
  g: { code: "g", display: "g" },
  drop: { code: "[drp]", display: "drop" },
  puff: { code: "{puff}", display: "puff" },
  sachet: { code: "{sachet}", display: "sachet" },
  application: { code: "{application}", display: "application" },
  unit: { code: "[iU]", display: "international unit" },
} as const satisfies Record<DoseUnit, { code: string; display: string }>;

/** Routes as SNOMED CT (the FHIR route-codes value set). */
export const ROUTE_SNOMED = {
  oral: { code: "26643006", display: "Oral route" },
  topical: { code: "6064005", display: "Topical route" },
  iv: { code: "47625008", display: "Intravenous route" },
  im: { code: "78421000", display: "Intramuscular route" },
  sc: { code: "34206005", display: "Subcutaneous route" },
  inhaled: { code: "447694001", display: "Respiratory tract route" },
  ophthalmic: { code: "54485002", display: "Ophthalmic route" },
  otic: { code: "10547007", display: "Otic route" },
  nasal: { code: "46713006", display: "Nasal route" },
  rectal: { code: "37161004", display: "Rectal route" },
  sublingual: { code: "37839007", display: "Sublingual route" },
} as const satisfies Record<Route, { code: string; display: string }>;

/**
 * Frequencies as FHIR Timing: the HL7 abbreviation where one exists (v3 GTSAbbreviation), the
 * repeat that says the same thing, and `asNeeded` for SOS.
 */
export interface TimingShape {
  code?: { code: string; display: string };
  repeat?: {
    frequency?: number;
    period?: number;
    periodUnit?: "h" | "d" | "wk";
    when?: string[];
    count?: number;
  };
  asNeeded?: boolean;
}
export const FREQUENCY_TIMING = {
  OD: { code: { code: "QD", display: "once a day" }, repeat: { frequency: 1, period: 1, periodUnit: "d" } },
  BD: { code: { code: "BID", display: "twice a day" }, repeat: { frequency: 2, period: 1, periodUnit: "d" } },
  TDS: {
    code: { code: "TID", display: "three times a day" },
    repeat: { frequency: 3, period: 1, periodUnit: "d" },
  },
  QID: {
    code: { code: "QID", display: "four times a day" },
    repeat: { frequency: 4, period: 1, periodUnit: "d" },
  },
  HS: { repeat: { frequency: 1, period: 1, periodUnit: "d", when: ["HS"] } },
  Q4H: {
    code: { code: "Q4H", display: "every 4 hours" },
    repeat: { frequency: 1, period: 4, periodUnit: "h" },
  },
  Q6H: {
    code: { code: "Q6H", display: "every 6 hours" },
    repeat: { frequency: 1, period: 6, periodUnit: "h" },
  },
  Q8H: {
    code: { code: "Q8H", display: "every 8 hours" },
    repeat: { frequency: 1, period: 8, periodUnit: "h" },
  },
  SOS: { asNeeded: true },
  STAT: { repeat: { count: 1 } },
  WEEKLY: { code: { code: "WK", display: "weekly" }, repeat: { frequency: 1, period: 1, periodUnit: "wk" } },
} as const satisfies Record<Frequency, TimingShape>;

/** Vitals: the LOINC observation and its UCUM unit, one per field of schemas/clinical.ts vitalsSchema. */
export const VITAL_LOINC = {
  temperatureC: { code: "8310-5", display: "Body temperature", unit: "Cel" },
  pulseBpm: { code: "8867-4", display: "Heart rate", unit: "/min" },
  respiratoryRatePerMin: { code: "9279-1", display: "Respiratory rate", unit: "/min" },
  spo2Percent: {
    code: "59408-5",
    display: "Oxygen saturation in Arterial blood by Pulse oximetry",
    unit: "%",
  },
  weightKg: { code: "29463-7", display: "Body weight", unit: "kg" },
  heightCm: { code: "8302-2", display: "Body height", unit: "cm" },
  bloodGlucoseMgDl: { code: "2339-0", display: "Glucose [Mass/volume] in Blood", unit: "mg/dL" },
} as const;
export const BLOOD_PRESSURE = {
  panel: { code: "85354-9", display: "Blood pressure panel with all children optional" },
  systolic: { code: "8480-6", display: "Systolic blood pressure", unit: "mm[Hg]" },
  diastolic: { code: "8462-4", display: "Diastolic blood pressure", unit: "mm[Hg]" },
} as const;

/** Uploaded records' types as LOINC document kinds (DocumentReference.type). */
export const RECORD_TYPE_LOINC = {
  lab_report: { code: "11502-2", display: "Laboratory report" },
  imaging: { code: "18748-4", display: "Diagnostic imaging study" },
  prescription: { code: "57833-6", display: "Prescription for medication" },
  discharge_summary: { code: "18842-5", display: "Discharge summary" },
  referral: { code: "57133-1", display: "Referral note" },
  vaccination: { code: "11369-6", display: "History of Immunization Narrative" },
  other: { code: "34133-9", display: "Summary of episode note" },
} as const satisfies Record<RecordType, { code: string; display: string }>;

/** ABDM's section and document codes (SNOMED CT), as its FHIR implementation guide uses them. */
export const ABDM = {
  opConsultRecord: { code: "371530004", display: "Clinical consultation report" },
  prescriptionRecord: { code: "440545006", display: "Prescription record" },
  sections: {
    chiefComplaints: { code: "422843007", display: "Chief complaint section" },
    physicalExamination: { code: "425044008", display: "Physical exam section" },
    medicalHistory: { code: "371529009", display: "History and physical report" },
    allergies: { code: "722446000", display: "Allergy record" },
    medications: { code: "721912009", display: "Medication summary document" },
    followUp: { code: "736271009", display: "Outpatient care plan" },
  },
} as const;

export const coding = (system: string, entry: { code: string; display: string }): Coding => ({
  system,
  code: entry.code,
  display: entry.display,
});
