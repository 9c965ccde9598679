import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { timezoneSchema } from "../functions/src/schemas/common";
import { timezonePattern, zonesInRules } from "./rules-timezones.mjs";

const rules = readFileSync(path.join(import.meta.dirname, "..", "firestore.rules"), "utf8");
const zones = zonesInRules(rules);
/** The expression as the rules evaluate it (RE2 and JavaScript read this plain alternation alike). */
const pattern = new RegExp(timezonePattern(rules));

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

  it("are exactly what the rules' expression matches", () => {
    expect(zones.filter((zone) => !pattern.test(zone))).toEqual([]);
    for (const other of [
      "Mars/Olympus",
      "Asia/Atlantis",
      "asia/kolkata",
      "Asia/Kolkata ",
      "Asia",
      "+05:30",
      "",
    ]) {
      expect(pattern.test(other), other).toBe(false);
    }
    for (const [zone, prefixed] of [
      ["Etc/GMT+5", "Etc/GMT+55"],
      ["UTC", "UTCX"],
      ["Asia/Kolkata", "Asia/KolkataX"],
    ]) {
      expect(pattern.test(zone), zone).toBe(true);
      expect(pattern.test(prefixed), prefixed).toBe(false);
    }
  });
});
