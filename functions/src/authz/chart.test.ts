import { describe, expect, it } from "vitest";
import { actor } from "../../../tests/factories";
import { canAddToSummary, careCovers, careWindowEnd, chartAccess, type CareAppointment } from "./chart";
import type { ConsentView } from "./clinical";

const DAY = 86_400_000;
const WINDOW = 14;
const BOOKED_AT = new Date("2026-11-01T06:00:00Z");
const END = new Date("2026-11-10T06:30:00Z");
const appointment = (over: Partial<CareAppointment> = {}): CareAppointment => ({
  id: "a1",
  patientUid: "p1",
  doctorUid: "d1",
  status: "booked",
  createdAt: BOOKED_AT,
  end: END,
  ...over,
});
const doctor = actor("d1", "doctor");
const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  id: "p1_d2",
  patientUid: "p1",
  granteeUid: "d2",
  status: "active",
  expiresAt: new Date("2027-06-01T00:00:00Z"),
  scope: { all: false, types: ["health_summary"] },
  ...over,
});
const at = (ms: number) => new Date(ms);

describe("careCovers: the window, in days after the visit", () => {
  const a = appointment();
  const closes = END.getTime() + WINDOW * DAY;
  it.each([
    ["a millisecond before the booking", BOOKED_AT.getTime() - 1, false],
    ["at the booking", BOOKED_AT.getTime(), true],
    ["during the visit", END.getTime() - 1, true],
    ["13 days after the visit", END.getTime() + 13 * DAY, true],
    ["a millisecond before the window closes", closes - 1, true],
    ["exactly 14 days after the visit", closes, false],
    ["15 days after the visit", END.getTime() + 15 * DAY, false],
  ])("%s: %s", (_when, ms, covered) => {
    expect(careCovers(a, at(ms), WINDOW)).toBe(covered);
  });
  it("closes the window at end + windowDays", () => {
    expect(careWindowEnd(a, WINDOW).getTime()).toBe(closes);
    expect(careCovers(a, at(END.getTime() + 2 * DAY), 1)).toBe(false);
    expect(careCovers(a, at(END.getTime() + 2 * DAY), 3)).toBe(true);
  });
  it("counts booked and completed appointments, not cancelled or no-show ones", () => {
    const now = at(END.getTime() + DAY);
    expect(careCovers(appointment({ status: "completed" }), now, WINDOW)).toBe(true);
    expect(careCovers(appointment({ status: "cancelled" }), now, WINDOW)).toBe(false);
    expect(careCovers(appointment({ status: "no_show" }), now, WINDOW)).toBe(false);
  });
});

describe("chartAccess", () => {
  const inWindow = at(END.getTime() + DAY);
  const after = at(END.getTime() + WINDOW * DAY);
  it("lets the patient read their own chart", () => {
    expect(chartAccess(actor("p1", "patient"), "p1", [], [], inWindow, WINDOW)).toEqual({ basis: "owner" });
  });
  it("lets the treating doctor read it during care, saying until when", () => {
    expect(chartAccess(doctor, "p1", [appointment()], [], inWindow, WINDOW)).toEqual({
      basis: "care",
      appointmentId: "a1",
      until: careWindowEnd(appointment(), WINDOW),
    });
  });
  it("answers with the appointment whose window lasts longest", () => {
    const later = appointment({ id: "a2", end: new Date(END.getTime() + 3 * DAY) });
    expect(chartAccess(doctor, "p1", [appointment(), later], [], inWindow, WINDOW)).toMatchObject({
      appointmentId: "a2",
    });
  });
  it("refuses the treating doctor after the window, and before the booking", () => {
    expect(chartAccess(doctor, "p1", [appointment()], [], after, WINDOW)).toBeNull();
    expect(chartAccess(doctor, "p1", [appointment()], [], at(BOOKED_AT.getTime() - 1), WINDOW)).toBeNull();
  });
  it("refuses a doctor whose appointment is with another patient, or another doctor's appointment", () => {
    expect(chartAccess(doctor, "p2", [appointment()], [], inWindow, WINDOW)).toBeNull();
    expect(chartAccess(actor("d2", "doctor"), "p1", [appointment()], [], inWindow, WINDOW)).toBeNull();
  });
  it("refuses the doctor's uid with another role, a pharmacist, admins and other patients", () => {
    for (const who of [
      actor("d1", "patient"),
      actor("d1", "pharmacist", { pharmacy: "ph1" }),
      actor("a1", "admin"),
      actor("a2", "admin", { platform: true }),
      actor("p2", "patient"),
      actor("p1", "doctor"),
    ])
      expect(
        chartAccess(
          who,
          "p1",
          [appointment({ doctorUid: who.uid })],
          [consent({ granteeUid: who.uid })],
          inWindow,
          WINDOW,
        ),
      ).toEqual(
        who.uid === "p1"
          ? { basis: "care", appointmentId: "a1", until: careWindowEnd(appointment(), WINDOW) }
          : null,
      );
  });
  it("lets a doctor read it under a consent covering the chart, by name or organisation", () => {
    const d2 = actor("d2", "doctor", { org: "org_9" });
    expect(chartAccess(d2, "p1", [], [consent()], after, WINDOW)).toEqual({
      basis: "consent",
      consentId: "p1_d2",
    });
    expect(chartAccess(d2, "p1", [], [consent({ scope: { all: true } })], after, WINDOW)).not.toBeNull();
    const byOrg = consent({ id: "p1_org:org_9", granteeUid: undefined, granteeOrg: "org_9" });
    expect(chartAccess(d2, "p1", [], [byOrg], after, WINDOW)).toEqual({
      basis: "consent",
      consentId: "p1_org:org_9",
    });
  });
  it("refuses under a consent that is revoked, expired, of other types, dated, or names someone else", () => {
    const d2 = actor("d2", "doctor");
    for (const c of [
      consent({ status: "revoked" }),
      consent({ expiresAt: after }),
      consent({ scope: { all: false, types: ["clinical_note", "lab_report"] } }),
      consent({ scope: { all: true, from: "2026-01-01" } }),
      consent({ granteeUid: "d3" }),
      consent({ patientUid: "p2" }),
    ])
      expect(chartAccess(d2, "p1", [], [c], after, WINDOW)).toBeNull();
  });
});

describe("canAddToSummary", () => {
  const inWindow = at(END.getTime() + DAY);
  it("lets the patient add to their own and the treating doctor during care", () => {
    expect(canAddToSummary(actor("p1", "patient"), "p1", [], inWindow, WINDOW)).toEqual({ as: "patient" });
    expect(canAddToSummary(doctor, "p1", [appointment()], inWindow, WINDOW)).toEqual({
      as: "doctor",
      appointmentId: "a1",
    });
  });
  it("refuses after the window, another doctor and another patient (a consent reads, never writes)", () => {
    expect(
      canAddToSummary(doctor, "p1", [appointment()], at(END.getTime() + WINDOW * DAY), WINDOW),
    ).toBeNull();
    expect(canAddToSummary(actor("d2", "doctor"), "p1", [appointment()], inWindow, WINDOW)).toBeNull();
    expect(canAddToSummary(actor("p2", "patient"), "p1", [], inWindow, WINDOW)).toBeNull();
    expect(
      canAddToSummary(actor("a1", "admin"), "p1", [appointment({ doctorUid: "a1" })], inWindow, WINDOW),
    ).toBeNull();
  });
});
