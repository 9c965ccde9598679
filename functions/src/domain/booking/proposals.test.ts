import { describe, expect, it } from "vitest";
import type { Actor } from "../identity/actor";
import type { AppointmentFacts } from "./policy";
import {
  checkCanAnswer,
  checkCanPropose,
  expiryDecision,
  proposalDeadline,
  type ProposalFacts,
} from "./proposals";

const H = 3_600_000;
const now = new Date("2026-12-01T00:00:00Z");
const T = now.getTime();
const policy = { answerWithinHours: 48, answerCutoffMinutes: 120 };
const appointment: AppointmentFacts = {
  patientUid: "p1",
  doctorUid: "d1",
  org: "org-a",
  status: "booked",
  startMs: T + 72 * H,
  endMs: T + 72.5 * H,
};
const actor = (a: Partial<Actor>): Actor => ({ uid: "x", role: "patient", platform: false, ...a });
const doctor = actor({ uid: "d1", role: "doctor", org: "org-a" });

describe("who may propose, and which time", () => {
  it("the appointment's doctor and an admin of its clinic may; the patient, another doctor, another clinic's admin may not", () => {
    const to = T + 96 * H;
    expect(checkCanPropose(doctor, appointment, to, now, policy)).toBeNull();
    expect(checkCanPropose(actor({ role: "admin", org: "org-a" }), appointment, to, now, policy)).toBeNull();
    for (const who of [
      actor({ uid: "p1" }),
      actor({ uid: "d2", role: "doctor", org: "org-a" }),
      actor({ role: "admin", org: "org-b" }),
      actor({ role: "pharmacist", org: "org-a" }),
    ])
      expect(checkCanPropose(who, appointment, to, now, policy)?.code).toBe("permission-denied");
  });

  it("a past time, the same time, a closed or started appointment are refused as preconditions", () => {
    expect(checkCanPropose(doctor, appointment, T - H, now, policy)?.code).toBe("failed-precondition");
    expect(checkCanPropose(doctor, appointment, appointment.startMs, now, policy)?.code).toBe(
      "failed-precondition",
    );
    expect(
      checkCanPropose(doctor, { ...appointment, status: "cancelled" }, T + 96 * H, now, policy)?.code,
    ).toBe("failed-precondition");
    expect(checkCanPropose(doctor, { ...appointment, startMs: T - H }, T + 96 * H, now, policy)?.code).toBe(
      "failed-precondition",
    );
  });

  it("the deadline is the earlier of 48 h and 2 h before either time; none left means too late", () => {
    expect(proposalDeadline(T, T + 72 * H, T + 96 * H, policy)).toBe(T + 48 * H);
    expect(proposalDeadline(T, T + 10 * H, T + 96 * H, policy)).toBe(T + 8 * H);
    expect(proposalDeadline(T, T + 72 * H, T + 3 * H, policy)).toBe(T + 1 * H);
    expect(proposalDeadline(T, T + 2 * H, T + 96 * H, policy)).toBeNull();
    expect(
      checkCanPropose(doctor, { ...appointment, startMs: T + 1.5 * H }, T + 96 * H, now, policy)?.code,
    ).toBe("failed-precondition");
  });
});

describe("answering and expiry", () => {
  const open: ProposalFacts = {
    status: "open",
    fromMs: appointment.startMs,
    toMs: T + 96 * H,
    expiresAtMs: T + 48 * H,
  };
  const patient = actor({ uid: "p1" });

  it("only the patient answers an open proposal for the appointment as it is, before the deadline", () => {
    expect(checkCanAnswer(patient, appointment, open, now)).toBeNull();
    expect(checkCanAnswer(doctor, appointment, open, now)?.code).toBe("permission-denied");
    expect(checkCanAnswer(patient, appointment, null, now)?.code).toBe("failed-precondition");
    expect(checkCanAnswer(patient, appointment, { ...open, status: "declined" }, now)?.code).toBe(
      "failed-precondition",
    );
    expect(checkCanAnswer(patient, appointment, { ...open, fromMs: T + 1 }, now)?.code).toBe(
      "failed-precondition",
    );
    expect(checkCanAnswer(patient, appointment, open, new Date(T + 48 * H))?.code).toBe(
      "failed-precondition",
    );
  });

  it("a helper acting for the patient answers (onBehalfOf, set after authz/care.ts); acting for another, never", () => {
    const worker = actor({ uid: "w1", role: "healthWorker", onBehalfOf: "p1" });
    expect(checkCanAnswer(worker, appointment, open, now)).toBeNull();
    const holder = actor({ uid: "h1", onBehalfOf: "p2" });
    expect(checkCanAnswer(holder, appointment, open, now)?.code).toBe("permission-denied");
  });

  it("past the deadline the appointment is cancelled if still at its time, else the proposal only closes", () => {
    const later = T + 48 * H;
    expect(expiryDecision(appointment, open, later - 1)).toBeNull();
    expect(expiryDecision(appointment, open, later)).toBe("cancel");
    expect(expiryDecision({ ...appointment, startMs: T + 1 }, open, later)).toBe("close");
    expect(expiryDecision({ ...appointment, status: "cancelled" }, open, later)).toBe("close");
    expect(expiryDecision(appointment, { ...open, status: "accepted" }, later)).toBeNull();
  });
});
