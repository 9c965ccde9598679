import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_POLICY, tokenDecision, type ConsultationAppointment } from "./consultation";

const MIN = 60_000;
const startMs = Date.parse("2026-12-01T10:30:00Z");
const endMs = startMs + 30 * MIN;
const appt: ConsultationAppointment = {
  patientUid: "p1",
  doctorUid: "d1",
  status: "booked",
  startMs,
  endMs,
  mode: "video",
};
const inside = startMs + 5 * MIN;
const window = { notBeforeMs: startMs - 10 * MIN, expiresAtMs: endMs };

describe("tokenDecision", () => {
  it("gives the doctor and the patient their role inside the window, valid until the end", () => {
    expect(tokenDecision("d1", appt, "in_progress", inside)).toEqual({ ok: true, role: "doctor", ...window });
    expect(tokenDecision("p1", appt, "waiting", inside)).toEqual({ ok: true, role: "patient", ...window });
    expect(tokenDecision("p1", appt, null, inside)).toMatchObject({ ok: true, role: "patient" });
    expect(tokenDecision("d1", appt, "created", inside)).toMatchObject({ ok: true, role: "doctor" });
  });

  it("refuses a third user without naming anyone, before any other check", () => {
    const refusal = tokenDecision("x9", { ...appt, status: "cancelled", mode: "in_person" }, "ended", inside);
    expect(refusal).toEqual({
      ok: false,
      code: "permission-denied",
      message: "only the patient and the doctor of this appointment can join its consultation",
      reason: "not-participant",
    });
    expect(JSON.stringify(tokenDecision("x9", appt, null, inside))).not.toMatch(/p1|d1|x9/);
  });

  it("opens leadMinutes (default 10) before the start, inclusive", () => {
    expect(DEFAULT_TOKEN_POLICY.leadMinutes).toBe(10);
    expect(tokenDecision("p1", appt, null, startMs - 10 * MIN)).toMatchObject({ ok: true });
    expect(tokenDecision("p1", appt, null, startMs - 10 * MIN - 1)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation opens at 10:20 UTC; try again then",
      reason: "consultation-not-open",
      at: new Date(startMs - 10 * MIN).toISOString(),
    });
    expect(tokenDecision("d1", appt, null, startMs - 15 * MIN, { leadMinutes: 15 })).toMatchObject({
      ok: true,
      notBeforeMs: startMs - 15 * MIN,
    });
  });

  it("names the date when the consultation opens on another UTC day", () => {
    expect(tokenDecision("p1", appt, null, Date.parse("2026-11-30T12:00:00Z"))).toMatchObject({
      ok: false,
      message: "the consultation opens at 10:20 UTC on 2026-12-01; try again then",
    });
  });

  it("closes at the end (exclusive)", () => {
    expect(tokenDecision("d1", appt, "in_progress", endMs - 1)).toMatchObject({ ok: true });
    expect(tokenDecision("d1", appt, "in_progress", endMs)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "the consultation time ended at 11:00 UTC",
      reason: "consultation-not-open",
      at: new Date(endMs).toISOString(),
    });
  });

  it("refuses cancelled, completed and no-show appointments", () => {
    expect(tokenDecision("p1", { ...appt, status: "cancelled" }, null, inside)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "this appointment was cancelled",
      reason: "appointment-closed",
    });
    expect(tokenDecision("d1", { ...appt, status: "completed" }, "ended", inside)).toMatchObject({
      ok: false,
      code: "failed-precondition",
    });
    expect(tokenDecision("d1", { ...appt, status: "no_show" }, null, inside)).toMatchObject({
      ok: false,
      code: "failed-precondition",
    });
  });

  it("refuses ended and no-show sessions", () => {
    expect(tokenDecision("d1", appt, "ended", inside)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "this consultation has ended",
      reason: "consultation-not-open",
    });
    expect(tokenDecision("p1", appt, "no_show", inside)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "this consultation was marked as a no-show",
      reason: "consultation-not-open",
    });
  });

  it("refuses in-person appointments", () => {
    expect(tokenDecision("p1", { ...appt, mode: "in_person" }, null, inside)).toEqual({
      ok: false,
      code: "failed-precondition",
      message: "this appointment is in person; it has no video consultation",
      reason: "consultation-not-open",
    });
  });

  it("the full matrix: only a participant, inside the window, of a live video appointment, gets a token", () => {
    const actors = ["d1", "p1", "x9"];
    const times = { before: startMs - 11 * MIN, inside, after: endMs + MIN };
    const variants: Array<[string, ConsultationAppointment, "waiting" | "ended" | null]> = [
      ["booked", appt, "waiting"],
      ["cancelled", { ...appt, status: "cancelled" }, null],
      ["ended session", appt, "ended"],
      ["in person", { ...appt, mode: "in_person" }, null],
    ];
    const granted: string[] = [];
    for (const uid of actors) {
      for (const [when, now] of Object.entries(times)) {
        for (const [name, a, session] of variants) {
          const decision = tokenDecision(uid, a, session, now);
          if (decision.ok) granted.push(`${uid} ${when} ${name}`);
          else expect(decision.code).toBe(uid === "x9" ? "permission-denied" : "failed-precondition");
        }
      }
    }
    expect(granted).toEqual(["d1 inside booked", "p1 inside booked"]);
  });
});
