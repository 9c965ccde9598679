import { describe, expect, it } from "vitest";
import { errors } from "../../../tests/schemaErrors";
import {
  FREQUENCIES,
  TIMES_PER_DAY,
  dispensePrescriptionRequestSchema,
  issuePrescriptionRequestSchema,
  medicationLineSchema,
  verifyPrescriptionQuerySchema,
} from "./prescriptions";
import { PARACETAMOL_ID, paracetamol } from "../../../tests/factories";

const line = paracetamol({ medicineId: PARACETAMOL_ID });
const SIG = `${"a".repeat(85)}A`;

describe("medicationLineSchema", () => {
  it("accepts a plain line and trims names", () => {
    const parsed = medicationLineSchema.parse({
      ...line,
      name: "  Paracetamol ",
      instructions: " after food ",
    });
    expect(parsed.name).toBe("Paracetamol");
    expect(parsed.instructions).toBe("after food");
    expect(medicationLineSchema.safeParse({ ...line, medicineId: undefined }).success).toBe(true);
  });
  it("refuses unknown fields, bad enums, bad ids and non-positive numbers", () => {
    expect(medicationLineSchema.safeParse({ ...line, price: 3 }).success).toBe(false);
    expect(
      medicationLineSchema.safeParse({ ...line, dose: { amount: 1, unit: "tablet", x: 1 } }).success,
    ).toBe(false);
    expect(errors(medicationLineSchema, { ...line, medicineId: "Paracetamol 500" })).toContain(
      "medicineId: must be a medicine id",
    );
    expect(errors(medicationLineSchema, { ...line, form: "powder" })).toContain("form:");
    expect(errors(medicationLineSchema, { ...line, frequency: "TID" })).toContain("frequency:");
    expect(errors(medicationLineSchema, { ...line, route: "oral-ish" })).toContain("route:");
    expect(errors(medicationLineSchema, { ...line, dose: { amount: 0, unit: "tablet" } })).toContain(
      "dose.amount:",
    );
    expect(errors(medicationLineSchema, { ...line, quantity: 0 })).toContain("quantity:");
    expect(errors(medicationLineSchema, { ...line, durationDays: 366 })).toContain("durationDays:");
    expect(errors(medicationLineSchema, { ...line, durationDays: 2.5 })).toContain("durationDays:");
    expect(errors(medicationLineSchema, { ...line, name: "   " })).toContain("name:");
    expect(errors(medicationLineSchema, { ...line, instructions: "x".repeat(201) })).toContain(
      "instructions:",
    );
  });
  it("requires maxPerDay for SOS and forbids it otherwise", () => {
    expect(medicationLineSchema.safeParse({ ...line, frequency: "SOS", maxPerDay: 3 }).success).toBe(true);
    expect(errors(medicationLineSchema, { ...line, frequency: "SOS" })).toBe(
      "maxPerDay: is required when frequency is SOS (as needed)",
    );
    expect(errors(medicationLineSchema, { ...line, maxPerDay: 3 })).toBe(
      "maxPerDay: is only for frequency SOS (as needed)",
    );
  });
  it("requires a STAT dose to last one day", () => {
    expect(
      medicationLineSchema.safeParse({ ...line, frequency: "STAT", durationDays: 1, quantity: 1 }).success,
    ).toBe(true);
    expect(errors(medicationLineSchema, { ...line, frequency: "STAT", durationDays: 3 })).toBe(
      "durationDays: must be 1 for a STAT (single) dose",
    );
  });
  it("has a times-per-day entry for every frequency", () => {
    expect(Object.keys(TIMES_PER_DAY).sort()).toEqual([...FREQUENCIES].sort());
  });
});

describe("issuePrescriptionRequestSchema", () => {
  const request = { appointmentId: "appt-1", lines: [line], advice: "Drink water", language: "pa" };
  it("accepts a request", () => {
    expect(issuePrescriptionRequestSchema.safeParse(request).success).toBe(true);
  });
  it("needs 1 to 20 lines and refuses extra fields", () => {
    expect(errors(issuePrescriptionRequestSchema, { ...request, lines: [] })).toBe(
      "lines: must list at least one medicine",
    );
    expect(
      issuePrescriptionRequestSchema.safeParse({ ...request, lines: Array(21).fill(line) }).success,
    ).toBe(false);
    expect(issuePrescriptionRequestSchema.safeParse({ ...request, doctorUid: "d1" }).success).toBe(false);
    expect(issuePrescriptionRequestSchema.safeParse({ ...request, language: "fr" }).success).toBe(false);
    expect(issuePrescriptionRequestSchema.safeParse({ ...request, advice: "x".repeat(1001) }).success).toBe(
      false,
    );
  });
});

describe("verify and dispense schemas", () => {
  it("take a document id and an 86-character base64url signature", () => {
    expect(verifyPrescriptionQuerySchema.safeParse({ id: "rx_1", sig: SIG }).success).toBe(true);
    expect(
      dispensePrescriptionRequestSchema.safeParse({ prescriptionId: "rx_1", signature: SIG }).success,
    ).toBe(true);
  });
  it("refuse padded, short, non-canonical or non-base64url signatures and bad ids", () => {
    for (const sig of [`${SIG}==`, SIG.slice(1), `${"a".repeat(85)}B`, `${"a".repeat(85)}+`, ["a"]]) {
      expect(verifyPrescriptionQuerySchema.safeParse({ id: "rx_1", sig }).success).toBe(false);
    }
    expect(verifyPrescriptionQuerySchema.safeParse({ id: "rx/1", sig: SIG }).success).toBe(false);
    expect(errors(dispensePrescriptionRequestSchema, { prescriptionId: "rx_1", signature: "abc" })).toContain(
      "signature: must be a prescription signature",
    );
    expect(
      dispensePrescriptionRequestSchema.safeParse({ prescriptionId: "rx_1", signature: SIG, pharmacyId: "p" })
        .success,
    ).toBe(false);
  });
  it("ignores parameters that link wrappers append to the verify query", () => {
    expect(verifyPrescriptionQuerySchema.parse({ id: "rx_1", sig: SIG, fbclid: "x" })).toEqual({
      id: "rx_1",
      sig: SIG,
    });
  });
});
