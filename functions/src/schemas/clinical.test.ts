import { describe, expect, it } from "vitest";
import { errors } from "../../../tests/schemaErrors";
import {
  diagnosisSchema,
  icd10Schema,
  soapSchema,
  vitalsSchema,
  writeClinicalRecordRequestSchema,
} from "./clinical";

const ICD_MESSAGE = "must be an ICD-10 code such as J06.9";
const request = { appointmentId: "appt_1", soap: { subjective: "sore throat for 3 days" } };

describe("soapSchema", () => {
  it("accepts any one part, trims it and fills the others with empty strings", () => {
    expect(soapSchema.parse({ plan: "  rest, fluids " })).toEqual({
      subjective: "",
      objective: "",
      assessment: "",
      plan: "rest, fluids",
    });
    for (const part of ["subjective", "objective", "assessment", "plan"]) {
      expect(soapSchema.safeParse({ [part]: "x" }).success).toBe(true);
    }
  });

  it("needs at least one part, and whitespace does not count", () => {
    const message = "request: write at least one of subjective, objective, assessment, plan";
    expect(errors(soapSchema, {})).toBe(message);
    expect(errors(soapSchema, { subjective: "   ", plan: "\n\t" })).toBe(message);
  });

  it("refuses a part over 4000 characters and unknown parts", () => {
    expect(soapSchema.safeParse({ plan: "x".repeat(4000) }).success).toBe(true);
    expect(errors(soapSchema, { plan: "x".repeat(4001) })).toContain("plan:");
    expect(errors(soapSchema, { plan: "x", history: "y" })).toBe('request: Unrecognized key: "history"');
  });
});

describe("icd10Schema", () => {
  it("accepts codes with and without a subdivision, including the A/B third character", () => {
    for (const code of ["J06.9", "E11", "O09.A1", "A00", "Z99.89", "S72.001A"]) {
      expect(icd10Schema.parse(code)).toBe(code);
    }
  });

  it("trims and upper-cases before checking", () => {
    expect(icd10Schema.parse("j02.9")).toBe("J02.9");
    expect(icd10Schema.parse("  o09.a1 ")).toBe("O09.A1");
  });

  it("refuses chapter U, non-codes, short codes and long subdivisions with one message", () => {
    for (const code of ["U07.1", "u07.1", "XYZ", "J1", "J06.12345", "J06.", "J6.9", "J069", "J0C", ""]) {
      expect(errors(icd10Schema, code), code).toBe(`request: ${ICD_MESSAGE}`);
    }
  });

  it("names the field inside a diagnosis", () => {
    expect(errors(diagnosisSchema, { code: "U07.1", description: "COVID-19" })).toBe(`code: ${ICD_MESSAGE}`);
  });
});

describe("diagnosisSchema", () => {
  it("defaults primary to false and needs a description", () => {
    expect(diagnosisSchema.parse({ code: "j06.9", description: " URTI " })).toEqual({
      code: "J06.9",
      description: "URTI",
      primary: false,
    });
    expect(errors(diagnosisSchema, { code: "J06.9", description: "  " })).toContain("description:");
    expect(errors(diagnosisSchema, { code: "J06.9", description: "x".repeat(201) })).toContain(
      "description:",
    );
  });

  it("refuses unknown fields", () => {
    expect(errors(diagnosisSchema, { code: "J06.9", description: "URTI", severity: "mild" })).toBe(
      'request: Unrecognized key: "severity"',
    );
  });
});

describe("vitalsSchema", () => {
  const bounds: [field: string, min: number, max: number, step: number][] = [
    ["temperatureC", 30, 45, 0.1],
    ["pulseBpm", 20, 250, 1],
    ["respiratoryRatePerMin", 4, 80, 1],
    ["spo2Percent", 50, 100, 1],
    ["weightKg", 0.5, 350, 0.1],
    ["heightCm", 30, 250, 0.1],
    ["bloodGlucoseMgDl", 20, 800, 0.1],
  ];

  it.each(bounds)("%s: accepts %d and %d, refuses just beyond either", (field, min, max, step) => {
    expect(vitalsSchema.parse({ [field]: min })).toEqual({ [field]: min });
    expect(vitalsSchema.parse({ [field]: max })).toEqual({ [field]: max });
    expect(errors(vitalsSchema, { [field]: min - step })).toMatch(new RegExp(`^${field}: `));
    expect(errors(vitalsSchema, { [field]: max + step })).toMatch(new RegExp(`^${field}: `));
  });

  it("checks blood pressure bounds at and beyond each end", () => {
    expect(vitalsSchema.safeParse({ systolicMmHg: 50, diastolicMmHg: 20 }).success).toBe(true);
    expect(vitalsSchema.safeParse({ systolicMmHg: 280, diastolicMmHg: 180 }).success).toBe(true);
    expect(errors(vitalsSchema, { systolicMmHg: 49, diastolicMmHg: 30 })).toMatch(/^systolicMmHg: /);
    expect(errors(vitalsSchema, { systolicMmHg: 281, diastolicMmHg: 90 })).toMatch(/^systolicMmHg: /);
    expect(errors(vitalsSchema, { systolicMmHg: 120, diastolicMmHg: 19 })).toMatch(/^diastolicMmHg: /);
    expect(errors(vitalsSchema, { systolicMmHg: 200, diastolicMmHg: 181 })).toMatch(/^diastolicMmHg: /);
  });

  it("refuses fractions where the count is whole", () => {
    for (const field of ["pulseBpm", "respiratoryRatePerMin", "spo2Percent"]) {
      expect(errors(vitalsSchema, { [field]: 60.5 })).toMatch(new RegExp(`^${field}: `));
    }
    expect(errors(vitalsSchema, { systolicMmHg: 120.5, diastolicMmHg: 80 })).toMatch(/^systolicMmHg: /);
  });

  it("accepts an empty set of vitals", () => {
    expect(vitalsSchema.parse({})).toEqual({});
  });

  it("needs both parts of a blood pressure", () => {
    const message = "diastolicMmHg: blood pressure needs both systolic and diastolic";
    expect(errors(vitalsSchema, { systolicMmHg: 120 })).toBe(message);
    expect(errors(vitalsSchema, { diastolicMmHg: 80 })).toBe(message);
    expect(vitalsSchema.parse({ systolicMmHg: 120, diastolicMmHg: 80 })).toEqual({
      systolicMmHg: 120,
      diastolicMmHg: 80,
    });
  });

  it("needs the diastolic strictly lower than the systolic", () => {
    const message = "diastolicMmHg: must be lower than systolic";
    expect(vitalsSchema.safeParse({ systolicMmHg: 120, diastolicMmHg: 119 }).success).toBe(true);
    expect(errors(vitalsSchema, { systolicMmHg: 120, diastolicMmHg: 120 })).toBe(message);
    expect(errors(vitalsSchema, { systolicMmHg: 80, diastolicMmHg: 120 })).toBe(message);
  });

  it("refuses unknown fields", () => {
    expect(errors(vitalsSchema, { pulseBpm: 72, bmi: 22 })).toBe('request: Unrecognized key: "bmi"');
    expect(errors(vitalsSchema, { temperatureF: 98.6 })).toBe('request: Unrecognized key: "temperatureF"');
  });
});

describe("writeClinicalRecordRequestSchema", () => {
  it("accepts a minimal request and defaults diagnoses to none", () => {
    expect(writeClinicalRecordRequestSchema.parse(request)).toEqual({
      appointmentId: "appt_1",
      soap: { subjective: "sore throat for 3 days", objective: "", assessment: "", plan: "" },
      diagnoses: [],
    });
  });

  it("accepts a full request with one primary diagnosis, vitals and an amendment reason", () => {
    const parsed = writeClinicalRecordRequestSchema.parse({
      ...request,
      diagnoses: [
        { code: "j02.9", description: "Acute pharyngitis", primary: true },
        { code: "R50.9", description: "Fever" },
      ],
      vitals: { temperatureC: 38.4, systolicMmHg: 118, diastolicMmHg: 76 },
      amendmentReason: "  added vitals ",
    });
    expect(parsed.diagnoses.map((d) => [d.code, d.primary])).toEqual([
      ["J02.9", true],
      ["R50.9", false],
    ]);
    expect(parsed.amendmentReason).toBe("added vitals");
  });

  it.each([
    ["J06.9", "J06.9"],
    ["J06.9", " j06.9"],
  ])("refuses a code listed twice, also when only the case differs: %j and %j", (first, second) => {
    const diagnoses = [
      { code: first, description: "a" },
      { code: second, description: "b" },
    ];
    expect(errors(writeClinicalRecordRequestSchema, { ...request, diagnoses })).toBe(
      "diagnoses: lists a code twice",
    );
  });

  it("refuses two primary diagnoses", () => {
    const diagnoses = [
      { code: "J02.9", description: "Acute pharyngitis", primary: true },
      { code: "R50.9", description: "Fever", primary: true },
    ];
    expect(errors(writeClinicalRecordRequestSchema, { ...request, diagnoses })).toBe(
      "diagnoses: has more than one primary diagnosis",
    );
  });

  it("refuses more than ten diagnoses", () => {
    const diagnoses = Array.from({ length: 11 }, (_, i) => ({
      code: `J${String(i).padStart(2, "0")}`,
      description: "x",
    }));
    expect(
      writeClinicalRecordRequestSchema.safeParse({ ...request, diagnoses: diagnoses.slice(0, 10) }).success,
    ).toBe(true);
    expect(errors(writeClinicalRecordRequestSchema, { ...request, diagnoses })).toContain("diagnoses:");
  });

  it("refuses a short amendment reason, a bad appointment id and an empty note", () => {
    expect(errors(writeClinicalRecordRequestSchema, { ...request, amendmentReason: " ab " })).toContain(
      "amendmentReason:",
    );
    expect(errors(writeClinicalRecordRequestSchema, { ...request, appointmentId: "a/b" })).toContain(
      "appointmentId:",
    );
    expect(errors(writeClinicalRecordRequestSchema, { ...request, soap: {} })).toContain(
      "soap: write at least one",
    );
  });

  it("refuses unknown fields at the top level and nested", () => {
    const s = writeClinicalRecordRequestSchema;
    expect(errors(s, { ...request, patientUid: "p1" })).toBe('request: Unrecognized key: "patientUid"');
    expect(errors(s, { ...request, soap: { plan: "x", notes: "y" } })).toBe(
      'soap: Unrecognized key: "notes"',
    );
    expect(errors(s, { ...request, vitals: { pulseBpm: 70, mood: "ok" } })).toBe(
      'vitals: Unrecognized key: "mood"',
    );
    expect(errors(s, { ...request, diagnoses: [{ code: "J06.9", description: "a", icd11: "CA07" }] })).toBe(
      'diagnoses.0: Unrecognized key: "icd11"',
    );
  });
});
