import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageAt, ageOn, dayIn } from "./age";
import { patientCard, sameCard } from "./card";

describe("ageOn", () => {
  it("counts a year on the birthday itself, not the day before", () => {
    expect(ageOn("1990-06-15", "2026-06-14")).toBe(35);
    expect(ageOn("1990-06-15", "2026-06-15")).toBe(36);
    expect(ageOn("1990-06-15", "2026-12-31")).toBe(36);
  });
  it("makes someone born on 29 February a year older on 1 March of a common year", () => {
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
    expect(ageOn("2000-02-29", "2026-03-01")).toBe(26);
    expect(ageOn("2000-02-29", "2028-02-29")).toBe(28);
  });
  it("is 0 on the day of birth and null before it or for a date that is not one", () => {
    expect(ageOn("2026-11-29", "2026-11-29")).toBe(0);
    expect(ageOn("2026-11-30", "2026-11-29")).toBeNull();
    expect(ageOn("not-a-date", "2026-11-29")).toBeNull();
  });
  it("never decreases as the day moves on (property)", () => {
    const day = fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, day, (birth, a, b) => {
        const [d1, d2] = [a, b]
          .sort((x, y) => x.getTime() - y.getTime())
          .map((d) => d.toISOString().slice(0, 10));
        const dob = birth.toISOString().slice(0, 10);
        const first = ageOn(dob, d1);
        const second = ageOn(dob, d2);
        if (first !== null && second !== null) expect(second).toBeGreaterThanOrEqual(first);
      }),
    );
  });
});

describe("ageAt: the day is the one in the given timezone", () => {
  // 2026-06-14T20:00Z is already 15 June in Kolkata (+05:30), still 14 June in UTC.
  const at = new Date("2026-06-14T20:00:00Z");
  it("takes the calendar day where the visit happens", () => {
    expect(dayIn(at, "Asia/Kolkata")).toBe("2026-06-15");
    expect(dayIn(at, "UTC")).toBe("2026-06-14");
    expect(ageAt("1990-06-15", at, "Asia/Kolkata")).toBe(36);
    expect(ageAt("1990-06-15", at, "UTC")).toBe(35);
  });
});

describe("patientCard", () => {
  const start = new Date("2026-06-15T04:00:00Z");
  it("holds the name, the sex and the age on the visit's day, not the date of birth", () => {
    const card = patientCard(
      { name: "Asha Devi", sex: "female", dateOfBirth: "1990-06-15" },
      start,
      "Asia/Kolkata",
    );
    expect(card).toEqual({ name: "Asha Devi", sex: "female", age: 36 });
  });
  it("is null without a profile or a name, and has a null age without a date of birth", () => {
    expect(patientCard(null, start, "Asia/Kolkata")).toBeNull();
    expect(patientCard({ sex: "male" }, start, "Asia/Kolkata")).toBeNull();
    expect(patientCard({ name: "R" }, start, "Asia/Kolkata")).toEqual({ name: "R", sex: "other", age: null });
  });
  it("compares cards by what they say", () => {
    const a = { name: "A", sex: "male", age: 3 };
    expect(sameCard(a, { ...a })).toBe(true);
    expect(sameCard(a, { ...a, age: 4 })).toBe(false);
    expect(sameCard(null, undefined)).toBe(true);
    expect(sameCard(a, null)).toBe(false);
  });
});
