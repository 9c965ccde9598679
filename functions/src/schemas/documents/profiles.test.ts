import { describe, expect, it } from "vitest";
import { doctorDocSchema } from "./profiles";

const doctor = {
  name: "Dr Harpreet Singh",
  org: "org-a",
  status: "approved",
  registrationNumber: "PMC-12345",
  specialties: ["general-medicine"],
  languages: ["hi"],
  feeInr: 300,
  timezone: "Asia/Kolkata",
};

describe("doctorDocSchema", () => {
  it("reads a doctor as approval writes it", () => {
    expect(doctorDocSchema.parse(doctor)).toMatchObject(doctor);
  });

  it("reads practice fields of the wrong shape as absent, so the doctor stays readable", () => {
    const parsed = doctorDocSchema.parse({
      ...doctor,
      specialties: [{ nested: { map: true } }],
      languages: "hi",
      feeInr: "300",
      bio: { text: "x" },
      timezone: 42,
    });
    expect(parsed).toMatchObject({ name: doctor.name, org: "org-a", status: "approved" });
    for (const field of ["specialties", "languages", "feeInr", "bio", "timezone"] as const) {
      expect(parsed[field]).toBeUndefined();
    }
  });

  it("still refuses a doctor without the fields functions rely on", () => {
    expect(doctorDocSchema.safeParse({ ...doctor, status: 1 }).success).toBe(false);
    expect(doctorDocSchema.safeParse({ ...doctor, name: ["x"] }).success).toBe(false);
  });
});
