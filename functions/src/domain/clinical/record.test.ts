import { describe, expect, it } from "vitest";
import { buildVersion, nextVersion, type RecordContent, type RecordParties } from "./record";

const NOW = new Date("2026-11-20T06:00:00Z");
const parties: RecordParties = { appointmentId: "appt_1", patientUid: "p1", doctorUid: "d1", org: "org_1" };
const content: RecordContent = {
  soap: { subjective: "sore throat", objective: "", assessment: "pharyngitis", plan: "fluids" },
  diagnoses: [{ code: "J02.9", description: "Acute pharyngitis", primary: true }],
  vitals: { temperatureC: 38.2 },
};

describe("nextVersion", () => {
  it("makes the first write version 1, not an amendment", () => {
    expect(nextVersion(null, undefined)).toEqual({ ok: true, version: 1, amendment: false });
  });

  it("refuses a reason on a first write: there is nothing to amend", () => {
    expect(nextVersion(null, "typo")).toEqual({
      ok: false,
      code: "invalid-argument",
      message: "amendmentReason: there is nothing to amend yet",
      reason: "amendment-reason-required",
    });
  });

  it("refuses an amendment without a reason", () => {
    const refusal = {
      ok: false,
      code: "invalid-argument",
      message: "amendmentReason: this record exists; an amendment must say why",
      reason: "amendment-reason-required",
    };
    expect(nextVersion({ version: 1 }, undefined)).toEqual(refusal);
    expect(nextVersion({ version: 4 }, "")).toEqual(refusal);
  });

  it("numbers an amendment one past the current version", () => {
    expect(nextVersion({ version: 1 }, "added vitals")).toEqual({ ok: true, version: 2, amendment: true });
    expect(nextVersion({ version: 7 }, "corrected dose")).toEqual({ ok: true, version: 8, amendment: true });
  });
});

describe("buildVersion", () => {
  it("keeps the parties, the content, the version, the author, the reason and the time", () => {
    expect(
      buildVersion({ parties, content, version: 2, author: "d1", amendmentReason: "added vitals" }, NOW),
    ).toEqual({
      appointmentId: "appt_1",
      patientUid: "p1",
      doctorUid: "d1",
      org: "org_1",
      soap: content.soap,
      diagnoses: content.diagnoses,
      vitals: { temperatureC: 38.2 },
      version: 2,
      author: "d1",
      amendmentReason: "added vitals",
      writtenAt: NOW,
    });
  });

  it("stores a first version with no reason and no vitals as nulls", () => {
    const v = buildVersion(
      { parties, content: { ...content, vitals: null }, version: 1, author: "d1", amendmentReason: null },
      NOW,
    );
    expect(v).toMatchObject({ version: 1, amendmentReason: null, vitals: null });
    expect(v.writtenAt.toISOString()).toBe("2026-11-20T06:00:00.000Z");
  });
});
