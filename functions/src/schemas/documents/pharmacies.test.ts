import { GeoPoint } from "firebase-admin/firestore";
import { describe, expect, it } from "vitest";
import { listedPharmacyDocSchema, pharmacyDocSchema } from "./pharmacies";

const stored = {
  name: "Sehat Medicos",
  status: "approved",
  org: "org-a",
  location: new GeoPoint(30.9, 75.85),
  geohash: "ttnfv2u0b",
  openingHours: { mon: [{ open: "09:00", close: "18:00" }], sat: [{ open: "00:00", close: "23:59" }] },
  timezone: "Asia/Kolkata",
};

describe("listedPharmacyDocSchema: what the nearby search can read", () => {
  it("reads a pharmacy as approval and the rules write it", () => {
    expect(listedPharmacyDocSchema.safeParse(stored).success).toBe(true);
    expect(listedPharmacyDocSchema.safeParse({ ...stored, openingHours: {} }).success).toBe(true);
  });

  it.each([
    ["times that are not HH:MM", { mon: [{ open: "9am", close: "5pm" }] }],
    ["a day that is a string", { mon: "09:00-18:00" }],
    ["an interval that closes before it opens", { mon: [{ open: "18:00", close: "09:00" }] }],
    [
      "overlapping intervals",
      {
        mon: [
          { open: "09:00", close: "13:00" },
          { open: "12:00", close: "18:00" },
        ],
      },
    ],
    ["an unknown day", { funday: [{ open: "09:00", close: "18:00" }] }],
  ])("makes a pharmacy with %s malformed (skipped by queries)", (_what, openingHours) => {
    const result = listedPharmacyDocSchema.safeParse({ ...stored, openingHours });
    expect(result.success).toBe(false);
    expect(result.error!.issues.every((i) => i.path[0] === "openingHours")).toBe(true);
  });

  it("makes a pharmacy with a zone ICU does not know malformed", () => {
    const result = listedPharmacyDocSchema.safeParse({ ...stored, timezone: "Mars/Olympus" });
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["timezone"]);
  });
});

describe("pharmacyDocSchema: one pharmacy, for its own people", () => {
  it("still reads a pharmacy whose hours or zone the search cannot use (it is not locked out)", () => {
    expect(
      pharmacyDocSchema.safeParse({ ...stored, openingHours: { mon: [{ open: "9am", close: "5pm" }] } })
        .success,
    ).toBe(true);
    expect(pharmacyDocSchema.safeParse({ ...stored, timezone: "Mars/Olympus" }).success).toBe(true);
  });
});
