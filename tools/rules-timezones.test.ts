import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { timezoneSchema } from "../functions/src/schemas/common";
import { zonesInRules } from "./rules-timezones.mjs";

const rules = readFileSync(path.join(import.meta.dirname, "..", "firestore.rules"), "utf8");
const zones = zonesInRules(rules);

describe("the IANA zones firestore.rules accepts (isTimezone)", () => {
  it("are all zones the functions accept: a doctor's rules-valid timezone always parses", () => {
    expect(zones.length).toBeGreaterThan(400);
    const refused = zones.filter((zone) => !timezoneSchema.safeParse(zone).success);
    expect(refused).toEqual([]);
  });

  it("include every zone this runtime lists, under both names of renamed zones", () => {
    const canonical = Intl.supportedValuesOf("timeZone").filter((z) => timezoneSchema.safeParse(z).success);
    expect(canonical.filter((zone) => !zones.includes(zone))).toEqual([]);
    for (const zone of [
      "Asia/Kolkata",
      "Asia/Calcutta",
      "UTC",
      "Etc/UTC",
      "America/New_York",
      "Asia/Kathmandu",
    ]) {
      expect(zones).toContain(zone);
    }
  });

  it("are sorted and unique, as the generator writes them", () => {
    expect([...new Set(zones)].sort()).toEqual(zones);
  });
});
