import { describe, expect, it } from "vitest";
import { doctorLateDecision } from "./lateness";
import { join, newSession } from "./session";

const START = Date.parse("2026-11-30T04:00:00Z");
const MIN = 60_000;
const fresh = () =>
  newSession(
    "a1",
    { patientUid: "p", doctorUid: "d", org: "o", startMs: START, endMs: START + 30 * MIN },
    START - 10 * MIN,
  );
const ok = <T extends { ok: boolean }>(t: T) => {
  if (!t.ok) throw new Error("transition refused");
  return t as Extract<T, { ok: true }>;
};

describe("doctorLateDecision", () => {
  it("a patient waiting alone is late-alerted from the start + 5 minutes, not before", () => {
    const waiting = ok(join(fresh(), "patient", START - MIN)).session;
    expect(doctorLateDecision(waiting, 5, START + 4 * MIN)).toBe(false);
    expect(doctorLateDecision(waiting, 5, START + 5 * MIN)).toBe(true);
  });

  it("not when the doctor joined once, the patient left, or nobody joined", () => {
    const both = ok(join(ok(join(fresh(), "patient", START)).session, "doctor", START + MIN)).session;
    expect(doctorLateDecision(both, 5, START + 10 * MIN)).toBe(false);
    const patientIn = ok(join(fresh(), "patient", START)).session;
    const left = {
      ...patientIn,
      participants: {
        ...patientIn.participants,
        patient: { ...patientIn.participants.patient, present: false },
      },
    };
    expect(doctorLateDecision(left, 5, START + 10 * MIN)).toBe(false);
    expect(doctorLateDecision(fresh(), 5, START + 10 * MIN)).toBe(false);
    const doctorOnly = ok(join(fresh(), "doctor", START)).session;
    expect(doctorLateDecision(doctorOnly, 5, START + 10 * MIN)).toBe(false);
  });
});
