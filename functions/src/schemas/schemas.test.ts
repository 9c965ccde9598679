import { describe, expect, it } from "vitest";
import { formatZodError } from "../services/callable/parseRequest";
import { timezoneSchema } from "./common";
import {
  applyForRoleRequestSchema,
  createOrganisationRequestSchema,
  reviewApplicationRequestSchema,
} from "./identity";
import { doctorApplicationProfileSchema, openingHoursSchema, patientProfileSchema } from "./profiles";

const patient = {
  name: "Gurpreet Kaur",
  dateOfBirth: "1990-04-12",
  sex: "female",
  phone: "+919812345678",
  address: { line1: "House 12", village: "Raikot", district: "Ludhiana", state: "Punjab", pincode: "141109" },
  language: "pa",
};

describe("patientProfileSchema", () => {
  it("accepts a complete profile, with or without an ABHA number", () => {
    expect(patientProfileSchema.safeParse(patient).success).toBe(true);
    expect(patientProfileSchema.safeParse({ ...patient, abhaNumber: "12-3456-7890-1230" }).success).toBe(
      true,
    );
  });
  it("refuses an ABHA number whose check digit does not match", () => {
    const result = patientProfileSchema.safeParse({ ...patient, abhaNumber: "12-3456-7890-1234" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["abhaNumber"]);
  });
  it("names each bad field", () => {
    const result = patientProfileSchema.safeParse({
      ...patient,
      phone: "98123 45678",
      dateOfBirth: "1990-02-30",
      address: { ...patient.address, pincode: "14110" },
      language: "fr",
    });
    expect(result.success).toBe(false);
    const message = formatZodError(result.error!);
    expect(message).toContain("phone: must be an E.164 number");
    expect(message).toContain("dateOfBirth: is not a real calendar date");
    expect(message).toContain("address.pincode: must be a 6-digit PIN code");
    expect(message).toContain("language:");
  });
  it.each(["1990-02-30", "2023-02-29", "1900-02-29", "1990-04-31", "0000-01-01", "1899-12-31"])(
    "refuses an impossible date of birth %s",
    (dateOfBirth) => {
      expect(patientProfileSchema.safeParse({ ...patient, dateOfBirth }).success).toBe(false);
    },
  );
  it.each(["2000-02-29", "1996-02-29", "1900-01-01", "1990-04-30"])(
    "accepts the date of birth %s",
    (dateOfBirth) => {
      expect(patientProfileSchema.safeParse({ ...patient, dateOfBirth }).success).toBe(true);
    },
  );
  it("refuses role, organisation and approval fields", () => {
    for (const extra of [{ role: "admin" }, { org: "o" }, { status: "approved" }]) {
      expect(patientProfileSchema.safeParse({ ...patient, ...extra }).success).toBe(false);
    }
  });
});

describe("timezoneSchema", () => {
  it.each(["Asia/Kolkata", "America/New_York", "Australia/Lord_Howe", "UTC"])("accepts %s", (zone) => {
    expect(timezoneSchema.safeParse(zone).success).toBe(true);
  });
  it.each(["Mars/Olympus", "+05:30", "", "Asia/Kolkata; drop"])("refuses %j", (zone) => {
    expect(timezoneSchema.safeParse(zone).success).toBe(false);
  });
});

describe("openingHoursSchema", () => {
  const day = (...intervals: [open: string, close: string][]) =>
    intervals.map(([open, close]) => ({ open, close }));
  it.each([
    ["accepts split hours", { mon: day(["09:00", "13:00"], ["16:00", "20:00"]) }, true],
    ["refuses overlapping intervals", { mon: day(["09:00", "13:00"], ["12:00", "20:00"]) }, false],
    ["refuses an inverted interval", { tue: day(["18:00", "09:00"]) }, false],
    ["refuses an unknown day", { funday: [] }, false],
  ])("%s", (_, hours, valid) => {
    expect(openingHoursSchema.safeParse(hours).success).toBe(valid);
  });
});

describe("request schemas", () => {
  it("requires a reason to reject", () => {
    const result = reviewApplicationRequestSchema.safeParse({ applicantUid: "u1", decision: "reject" });
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toContain("reason:");
  });
  it("refuses an application for the admin role", () => {
    expect(applyForRoleRequestSchema.safeParse({ role: "admin", org: "o" }).success).toBe(false);
  });
  it("refuses an organisation id that is not a document id", () => {
    const result = applyForRoleRequestSchema.safeParse({
      role: "doctor",
      org: "../../etc",
      doctor: {
        name: "A",
        specialties: ["General medicine"],
        registrationNumber: "PMC-1234",
        feeInr: 200,
        languages: ["pa"],
        timezone: "Asia/Kolkata",
      },
    });
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!)).toContain("org: must be a document id");
  });
});

describe("what prescriptions print about the clinic and the doctor (issue 16)", () => {
  const org = { name: "Nabha Clinic", type: "clinic", district: "Patiala", state: "Punjab" };
  const address = { line1: "Hospital Road", district: "Patiala", state: "Punjab", pincode: "147201" };
  it("an organisation takes a postal address and an E.164 phone, both optional", () => {
    expect(createOrganisationRequestSchema.safeParse(org).success).toBe(true);
    expect(
      createOrganisationRequestSchema.safeParse({ ...org, address, phone: "+911765220111" }).success,
    ).toBe(true);
  });
  it("refuses a phone that is not E.164 and an address without its PIN code", () => {
    const phone = createOrganisationRequestSchema.safeParse({ ...org, phone: "01765 220111" });
    expect(phone.success).toBe(false);
    expect(formatZodError(phone.error!)).toContain("phone: must be an E.164 number");
    const { pincode: _pincode, ...noPin } = address;
    const pin = createOrganisationRequestSchema.safeParse({ ...org, address: noPin });
    expect(pin.success).toBe(false);
    expect(formatZodError(pin.error!)).toContain("address.pincode");
  });
  it("a doctor's qualification is degrees, not markup or a paragraph", () => {
    const doctor = {
      name: "Dr. A",
      specialties: ["General medicine"],
      registrationNumber: "PMC-1234",
      feeInr: 200,
      languages: ["pa"],
      timezone: "Asia/Kolkata",
    };
    expect(doctorApplicationProfileSchema.safeParse(doctor).success).toBe(true);
    expect(
      doctorApplicationProfileSchema.safeParse({ ...doctor, qualification: "MBBS, MD (Medicine)" }).success,
    ).toBe(true);
    expect(
      doctorApplicationProfileSchema.safeParse({ ...doctor, qualification: "<b>MBBS</b>" }).success,
    ).toBe(false);
    expect(
      doctorApplicationProfileSchema.safeParse({ ...doctor, qualification: "M".repeat(81) }).success,
    ).toBe(false);
  });
});
