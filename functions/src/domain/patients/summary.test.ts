import { describe, expect, it } from "vitest";
import { addHealthSummaryEntryRequestSchema, summaryEntryInputSchema } from "../../schemas/chart";
import { summaryEntryProblem, summaryView } from "./summary";

const TODAY = "2026-11-29";
const parse = (entry: unknown) => summaryEntryInputSchema.safeParse(entry);
const issues = (entry: unknown) => {
  const result = parse(entry);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("summary entries: shape", () => {
  it("accepts each kind with its fields, trimmed", () => {
    expect(parse({ kind: "allergy", substance: " penicillin ", severity: "severe" }).data).toEqual({
      kind: "allergy",
      substance: "penicillin",
      severity: "severe",
    });
    expect(parse({ kind: "condition", name: "hypertension", since: "2020-01-31" }).success).toBe(true);
    expect(
      parse({ kind: "medication", name: "metformin", dose: "500 mg", frequency: "twice a day" }).success,
    ).toBe(true);
    expect(parse({ kind: "pregnancy", pregnant: true, dueDate: "2027-03-01" }).success).toBe(true);
    expect(parse({ kind: "pregnancy", pregnant: false }).success).toBe(true);
    expect(parse({ kind: "bloodGroup", bloodGroup: "AB-" }).success).toBe(true);
  });
  it("refuses empty, overlong, unknown and misplaced fields with a message naming the field", () => {
    expect(issues({ kind: "allergy", substance: "   " })).toEqual(["substance: must not be empty"]);
    expect(issues({ kind: "medication", name: "x".repeat(121) })).toEqual([
      "name: must be at most 120 characters",
    ]);
    expect(issues({ kind: "bloodGroup", bloodGroup: "C+" })[0]).toMatch(/^bloodGroup: /);
    expect(issues({ kind: "condition", name: "asthma", since: "2026-02-30" })).toEqual([
      "since: is not a real calendar date",
    ]);
    expect(issues({ kind: "pregnancy", pregnant: false, dueDate: "2027-01-01" })).toEqual([
      "dueDate: only while pregnant",
    ]);
    expect(issues({ kind: "allergy", substance: "dust", recordedBy: "someone" })[0]).toMatch(/recordedBy/);
    expect(issues({ kind: "diagnosis", name: "flu" })[0]).toMatch(/^kind: /);
  });
  it("lets no client name who recorded the entry or when", () => {
    const request = { entry: { kind: "allergy", substance: "dust" }, recordedBy: "d1" };
    expect(addHealthSummaryEntryRequestSchema.safeParse(request).success).toBe(false);
  });
});

describe("summaryEntryProblem: what needs the patient and the day", () => {
  it("refuses a condition since a day after today", () => {
    expect(
      summaryEntryProblem({ kind: "condition", name: "asthma", since: "2026-11-30" }, null, TODAY),
    ).toEqual({
      path: "entry.since",
      message: "must not be after today",
    });
    expect(summaryEntryProblem({ kind: "condition", name: "asthma", since: TODAY }, null, TODAY)).toBeNull();
  });
  it("records pregnancy for female and other patients, not male ones", () => {
    const entry = { kind: "pregnancy" as const, pregnant: true };
    expect(summaryEntryProblem(entry, { sex: "female" }, TODAY)).toBeNull();
    expect(summaryEntryProblem(entry, { sex: "other" }, TODAY)).toBeNull();
    expect(summaryEntryProblem(entry, { sex: "male" }, TODAY)?.path).toBe("entry.kind");
  });
  it("takes a due date from today to 300 days ahead", () => {
    const due = (dueDate: string) =>
      summaryEntryProblem({ kind: "pregnancy", pregnant: true, dueDate }, { sex: "female" }, TODAY);
    expect(due("2026-11-28")?.message).toBe("must not be before today");
    expect(due(TODAY)).toBeNull();
    expect(due("2027-09-25")).toBeNull();
    expect(due("2027-09-26")?.message).toBe("must be within 300 days");
  });
});

describe("summaryView", () => {
  it("lists allergies, conditions and medicines; the latest pregnancy and blood group are current", () => {
    const view = summaryView([
      { kind: "bloodGroup", v: 1 },
      { kind: "allergy", v: 2 },
      { kind: "bloodGroup", v: 3 },
      { kind: "medication", v: 4 },
      { kind: "pregnancy", v: 5 },
    ]);
    expect(view).toEqual({
      allergies: [{ kind: "allergy", v: 2 }],
      conditions: [],
      medications: [{ kind: "medication", v: 4 }],
      pregnancy: { kind: "pregnancy", v: 5 },
      bloodGroup: { kind: "bloodGroup", v: 3 },
    });
  });
});
