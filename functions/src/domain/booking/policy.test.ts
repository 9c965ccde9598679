import { describe, expect, it } from "vitest";
import type { Actor } from "../identity/actor";
import { slotLockId } from "./keys";
import {
  cancellerRole,
  checkCanCancel,
  checkCanRecordOutcome,
  checkCanReschedule,
  checkOpenBookings,
  overlappingAppointment,
  type AppointmentFacts,
  type BookingPolicy,
} from "./policy";

const policy: BookingPolicy = { cancelCutoffMinutes: 120, rescheduleCutoffMinutes: 240, maxOpenBookings: 3 };
const start = Date.parse("2026-12-01T10:00:00Z");
const appt: AppointmentFacts = {
  patientUid: "p1",
  doctorUid: "d1",
  org: "o1",
  status: "booked",
  startMs: start,
  endMs: start + 30 * 60_000,
};
const actor = (a: Partial<Actor> & { uid: string }): Actor => ({ role: "patient", platform: false, ...a });
const patient = actor({ uid: "p1" });
const doctor = actor({ uid: "d1", role: "doctor", org: "o1" });
const admin = actor({ uid: "a1", role: "admin", org: "o1" });
const otherAdmin = actor({ uid: "a2", role: "admin", org: "o2" });
const platform = actor({ uid: "a3", role: "admin", platform: true });
const at = (iso: string) => new Date(iso);

describe("slotLockId", () => {
  it("is derived from doctor and start instant only", () => {
    expect(slotLockId("d1", start)).toBe("d1_20261201T100000Z");
    expect(slotLockId("d1", Date.parse("2026-12-01T15:30:00+05:30"))).toBe("d1_20261201T100000Z");
    expect(slotLockId("d2", start)).not.toBe(slotLockId("d1", start));
  });
});

describe("cancellation", () => {
  it("knows who is cancelling", () => {
    expect(cancellerRole(patient, appt)).toBe("patient");
    expect(cancellerRole(doctor, appt)).toBe("clinic");
    expect(cancellerRole(admin, appt)).toBe("clinic");
    expect(cancellerRole(platform, appt)).toBe("clinic");
    expect(cancellerRole(otherAdmin, appt)).toBeNull();
    expect(cancellerRole(actor({ uid: "p2" }), appt)).toBeNull();
    expect(cancellerRole(actor({ uid: "d2", role: "doctor", org: "o1" }), appt)).toBeNull();
  });
  it("lets the patient cancel until the cut-off, not after", () => {
    expect(checkCanCancel(patient, appt, undefined, at("2026-12-01T08:00:00Z"), policy)).toBeNull();
    expect(checkCanCancel(patient, appt, undefined, at("2026-12-01T08:00:01Z"), policy)?.code).toBe(
      "failed-precondition",
    );
  });
  it("lets the clinic cancel any time, with a reason", () => {
    expect(checkCanCancel(doctor, appt, "Doctor unwell", at("2026-12-01T09:59:00Z"), policy)).toBeNull();
    expect(checkCanCancel(admin, appt, undefined, at("2026-12-01T09:00:00Z"), policy)?.code).toBe(
      "invalid-argument",
    );
  });
  it("refuses strangers and appointments that are no longer booked", () => {
    expect(checkCanCancel(otherAdmin, appt, "x", at("2026-11-01T00:00:00Z"), policy)?.code).toBe(
      "permission-denied",
    );
    expect(
      checkCanCancel(patient, { ...appt, status: "no_show" }, undefined, at("2026-11-01T00:00:00Z"), policy)
        ?.message,
    ).toBe("the appointment is already no-show");
  });
});

describe("rescheduling", () => {
  it("is the patient's, until the cut-off", () => {
    expect(checkCanReschedule(patient, appt, at("2026-12-01T06:00:00Z"), policy)).toBeNull();
    expect(checkCanReschedule(patient, appt, at("2026-12-01T06:00:01Z"), policy)?.code).toBe(
      "failed-precondition",
    );
    expect(checkCanReschedule(doctor, appt, at("2026-11-01T00:00:00Z"), policy)?.code).toBe(
      "permission-denied",
    );
    expect(
      checkCanReschedule(patient, { ...appt, status: "cancelled" }, at("2026-11-01T00:00:00Z"), policy)?.code,
    ).toBe("failed-precondition");
  });
});

describe("outcomes", () => {
  it("are recorded by the doctor or the clinic's admin once the appointment has started", () => {
    expect(checkCanRecordOutcome(doctor, appt, at("2026-12-01T10:00:00Z"))).toBeNull();
    expect(checkCanRecordOutcome(admin, appt, at("2026-12-01T11:00:00Z"))).toBeNull();
    expect(checkCanRecordOutcome(doctor, appt, at("2026-12-01T09:59:59Z"))?.message).toBe(
      "the appointment has not started yet",
    );
    expect(checkCanRecordOutcome(patient, appt, at("2026-12-01T11:00:00Z"))?.code).toBe("permission-denied");
  });
});

describe("limits and overlaps", () => {
  it("caps open bookings", () => {
    expect(checkOpenBookings(2, policy)).toBeNull();
    expect(checkOpenBookings(3, policy)?.code).toBe("resource-exhausted");
  });
  it("finds an overlapping appointment, touching ends do not overlap", () => {
    const mine = [{ startMs: start, endMs: start + 1800_000 }];
    expect(overlappingAppointment(mine, start + 1800_000, start + 3600_000)).toBeUndefined();
    expect(overlappingAppointment(mine, start + 900_000, start + 2700_000)).toBe(mine[0]);
  });
});
