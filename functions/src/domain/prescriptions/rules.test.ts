import { describe, expect, it } from "vitest";
import { medicationLineSchema, type MedicationLine } from "../../schemas/prescriptions";
import { checkPrescriptionLines, describeProblems, describeRegimen } from "./rules";
import { paracetamol } from "../../../../tests/factories";

/** A valid line (parsed by the schema, so every fixture is one a handler could see). */
function rx(overrides: Record<string, unknown> = {}): MedicationLine {
  return medicationLineSchema.parse({ ...paracetamol(), ...overrides });
}
const messages = (lines: MedicationLine[]) =>
  checkPrescriptionLines(lines).map((p) => `${p.line} ${p.field}: ${p.message}`);

describe("checkPrescriptionLines: a sound prescription", () => {
  it("has no problems", () => {
    expect(
      checkPrescriptionLines([
        rx(),
        rx({
          name: "Amoxicillin",
          form: "capsule",
          dose: { amount: 1, unit: "capsule" },
          frequency: "TDS",
          durationDays: 5,
          quantity: 15,
        }),
        rx({
          name: "Cough syrup",
          strength: "5 mg/5 ml",
          form: "syrup",
          dose: { amount: 5, unit: "ml" },
          frequency: "TDS",
          quantity: 100,
        }),
        rx({
          name: "Ciprofloxacin",
          strength: "0.3%",
          form: "drops",
          dose: { amount: 2, unit: "drop" },
          frequency: "QID",
          route: "ophthalmic",
          quantity: 1,
        }),
        rx({
          name: "Salbutamol",
          strength: "100 mcg",
          form: "inhaler",
          dose: { amount: 2, unit: "puff" },
          frequency: "SOS",
          maxPerDay: 4,
          route: "inhaled",
          durationDays: 30,
          quantity: 1,
        }),
        rx({
          name: "Clotrimazole",
          strength: "1%",
          form: "cream",
          dose: { amount: 1, unit: "application" },
          route: "topical",
          durationDays: 14,
          quantity: 1,
        }),
        rx({
          name: "Ceftriaxone",
          strength: "1 g",
          form: "injection",
          dose: { amount: 1, unit: "g" },
          frequency: "OD",
          route: "iv",
          quantity: 5,
        }),
        rx({
          name: "ORS",
          strength: "20.5 g",
          form: "sachet",
          dose: { amount: 1, unit: "sachet" },
          frequency: "STAT",
          durationDays: 1,
          quantity: 1,
        }),
        rx({
          name: "Vitamin D3",
          strength: "60000 IU",
          form: "capsule",
          dose: { amount: 1, unit: "capsule" },
          frequency: "WEEKLY",
          durationDays: 56,
          quantity: 8,
        }),
      ]),
    ).toEqual([]);
  });
});

describe("dose unit fits the form", () => {
  it("accepts the form's own unit", () => {
    expect(
      messages([
        rx({
          form: "injection",
          dose: { amount: 10, unit: "unit" },
          route: "sc",
          quantity: 1,
          name: "Insulin",
        }),
      ]),
    ).toEqual([]);
  });
  it("refuses another unit and skips the quantity and bound checks on that line", () => {
    expect(checkPrescriptionLines([rx({ dose: { amount: 5, unit: "ml" } })])).toEqual([
      { line: 1, field: "dose.unit", message: "dose unit ml does not fit form tablet (use tablet)" },
    ]);
    expect(
      messages([rx({ form: "injection", dose: { amount: 2, unit: "puff" }, route: "im", quantity: 1 })]),
    ).toEqual(["1 dose.unit: dose unit puff does not fit form injection (use ml, mg, g or unit)"]);
  });
});

describe("route fits the form", () => {
  it("accepts a listed route", () => {
    expect(messages([rx({ route: "sublingual" })])).toEqual([]);
  });
  it("refuses another route", () => {
    expect(messages([rx({ route: "otic" })])).toEqual([
      "1 route: route otic does not fit form tablet (use oral or sublingual)",
    ]);
    expect(
      messages([
        rx({
          name: "Tobramycin",
          form: "ointment",
          dose: { amount: 1, unit: "application" },
          route: "iv",
          quantity: 1,
        }),
      ]),
    ).toEqual(["1 route: route iv does not fit form ointment (use topical, ophthalmic, nasal or rectal)"]);
  });
});

describe("dose within bounds", () => {
  it("accepts the largest allowed dose and daily total", () => {
    expect(
      messages([
        rx({ dose: { amount: 4, unit: "tablet" }, frequency: "QID", durationDays: 1, quantity: 16 }),
      ]),
    ).toEqual([]);
    expect(
      messages([
        rx({
          form: "injection",
          dose: { amount: 4.5, unit: "g" },
          frequency: "Q6H",
          route: "iv",
          quantity: 4,
        }),
      ]),
    ).toEqual([]);
  });
  it("refuses a dose above the per-dose bound", () => {
    expect(messages([rx({ dose: { amount: 5, unit: "tablet" }, quantity: 50 })])).toEqual([
      "1 dose.amount: dose 5 tablets is more than the 4 tablets allowed in one dose",
    ]);
    expect(
      messages([rx({ form: "injection", dose: { amount: 5, unit: "g" }, route: "iv", quantity: 1 })]),
    ).toEqual(["1 dose.amount: dose 5 g is more than the 4.5 g allowed in one dose"]);
  });
  it("refuses a daily total above the daily bound, SOS counted at maxPerDay", () => {
    expect(
      messages([
        rx({ dose: { amount: 3, unit: "tablet" }, frequency: "Q4H", durationDays: 1, quantity: 18 }),
      ]),
    ).toEqual([
      "1 dose.amount: 3 tablets Q4H is 18 tablets a day, more than the 16 tablets allowed in a day",
    ]);
    expect(
      messages([
        rx({
          dose: { amount: 2, unit: "tablet" },
          frequency: "SOS",
          maxPerDay: 12,
          durationDays: 1,
          quantity: 24,
        }),
      ]),
    ).toEqual([
      "1 dose.amount: 2 tablets SOS up to 12 times a day is 24 tablets a day, more than the 16 tablets allowed in a day",
    ]);
  });
});

describe("quantity of tablets, capsules and sachets", () => {
  it("accepts the course, rounded up to whole strips of 10", () => {
    expect(messages([rx({ quantity: 10 })])).toEqual([]);
    expect(messages([rx({ frequency: "TDS", quantity: 20 })])).toEqual([]); // 15 needed
    expect(
      messages([
        rx({ dose: { amount: 0.5, unit: "tablet" }, frequency: "TDS", durationDays: 3, quantity: 5 }),
      ]),
    ).toEqual([]); // 4.5 → 5
    expect(messages([rx({ frequency: "SOS", maxPerDay: 3, durationDays: 2, quantity: 6 })])).toEqual([]);
    expect(
      messages([
        rx({ dose: { amount: 2, unit: "tablet" }, frequency: "STAT", durationDays: 1, quantity: 2 }),
      ]),
    ).toEqual([]);
    expect(messages([rx({ frequency: "WEEKLY", durationDays: 15, quantity: 3 })])).toEqual([]); // 3 started weeks
  });
  it("refuses too few", () => {
    expect(messages([rx({ quantity: 5 })])).toEqual([
      "1 quantity: quantity 5 is less than the 10 tablets needed for 1 tablet BD for 5 days",
    ]);
    expect(messages([rx({ frequency: "SOS", maxPerDay: 3, durationDays: 2, quantity: 5 })])).toEqual([
      "1 quantity: quantity 5 is less than the 6 tablets needed for 1 tablet SOS up to 3 times a day for 2 days",
    ]);
    expect(
      messages([
        rx({ dose: { amount: 2, unit: "tablet" }, frequency: "STAT", durationDays: 1, quantity: 1 }),
      ]),
    ).toEqual(["1 quantity: quantity 1 is less than the 2 tablets needed for 2 tablets STAT"]);
    expect(messages([rx({ frequency: "WEEKLY", durationDays: 15, quantity: 2 })])).toEqual([
      "1 quantity: quantity 2 is less than the 3 tablets needed for 1 tablet WEEKLY for 15 days",
    ]);
  });
  it("refuses more than whole strips", () => {
    expect(messages([rx({ frequency: "TDS", quantity: 21 })])).toEqual([
      "1 quantity: quantity 21 is more than 20 tablets: 15 tablets needed for 1 tablet TDS for 5 days, rounded up to whole strips of 10",
    ]);
  });
  it("refuses a part of a tablet", () => {
    expect(messages([rx({ quantity: 10.5 })])).toEqual([
      "1 quantity: quantity 10.5 must be a whole number of tablets",
    ]);
  });
});

describe("quantity of liquids in ml", () => {
  const syrup = {
    name: "Amoxicillin",
    strength: "250 mg/5 ml",
    form: "suspension",
    dose: { amount: 5, unit: "ml" },
    frequency: "TDS",
  };
  it("accepts the course up to one 100 ml bottle more", () => {
    expect(messages([rx({ ...syrup, quantity: 75 })])).toEqual([]);
    expect(messages([rx({ ...syrup, quantity: 175 })])).toEqual([]);
    // 0.1 × 3 × 10 is 3.0000000000000004 in floating point; still 3 ml needed
    expect(
      messages([
        rx({
          name: "Vitamin drops",
          form: "drops",
          dose: { amount: 0.1, unit: "ml" },
          frequency: "TDS",
          durationDays: 10,
          quantity: 3,
        }),
      ]),
    ).toEqual([]);
  });
  it("refuses too little and too much", () => {
    expect(messages([rx({ ...syrup, quantity: 50 })])).toEqual([
      "1 quantity: quantity 50 is less than the 75 ml needed for 5 ml TDS for 5 days",
    ]);
    expect(messages([rx({ ...syrup, quantity: 176 })])).toEqual([
      "1 quantity: quantity 176 is more than 175 ml: 75 ml needed for 5 ml TDS for 5 days, plus at most one 100 ml bottle",
    ]);
  });
});

describe("quantity of packs", () => {
  it("accepts 1 to 10 whole packs", () => {
    expect(
      messages([
        rx({ form: "cream", dose: { amount: 1, unit: "application" }, route: "topical", quantity: 10 }),
      ]),
    ).toEqual([]);
    expect(
      messages([rx({ form: "drops", dose: { amount: 2, unit: "drop" }, route: "otic", quantity: 1 })]),
    ).toEqual([]);
  });
  it("refuses part packs and more than 10", () => {
    expect(
      messages([
        rx({ form: "cream", dose: { amount: 1, unit: "application" }, route: "topical", quantity: 1.5 }),
      ]),
    ).toEqual(["1 quantity: quantity 1.5 must be a whole number of tubes from 1 to 10"]);
    expect(
      messages([rx({ form: "drops", dose: { amount: 2, unit: "drop" }, route: "otic", quantity: 20 })]),
    ).toEqual(["1 quantity: quantity 20 must be a whole number of bottles from 1 to 10"]);
  });
});

describe("no medicine twice", () => {
  it("accepts the same name in another strength or form", () => {
    expect(
      messages([
        rx(),
        rx({ strength: "650 mg" }),
        rx({ form: "syrup", dose: { amount: 5, unit: "ml" }, quantity: 50 }),
      ]),
    ).toEqual([]);
  });
  it("reports the later line for the same medicineId", () => {
    expect(
      messages([
        rx({ medicineId: "paracetamol-500mg-tablet" }),
        rx({ name: "Crocin", medicineId: "paracetamol-500mg-tablet" }),
      ]),
    ).toEqual(["2 medicineId: repeats line 1: the same medicineId paracetamol-500mg-tablet"]);
  });
  it("reports the later line for the same name, strength and form whatever the case and spacing", () => {
    expect(
      messages([
        rx(),
        rx({ name: "Amoxicillin", form: "capsule", dose: { amount: 1, unit: "capsule" } }),
        rx({ name: "PARACETAMOL ", strength: "500mg" }),
      ]),
    ).toEqual(["3 name: repeats line 1: the same name, strength and form"]);
  });
});

describe("describeProblems and describeRegimen", () => {
  it("joins problems for an invalid-argument message", () => {
    expect(
      describeProblems(
        checkPrescriptionLines([
          rx(),
          rx({ strength: "650 mg", quantity: 5 }),
          rx({ strength: "1 g", dose: { amount: 1, unit: "ml" } }),
        ]),
      ),
    ).toBe(
      "line 2 quantity: quantity 5 is less than the 10 tablets needed for 1 tablet BD for 5 days; line 3 dose.unit: dose unit ml does not fit form tablet (use tablet)",
    );
    expect(describeProblems([])).toBe("");
  });
  it("writes a regimen as a doctor would", () => {
    expect(describeRegimen(rx({ dose: { amount: 0.5, unit: "tablet" }, durationDays: 1 }))).toBe(
      "0.5 tablets BD for 1 day",
    );
  });
});
