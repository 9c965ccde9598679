import { describe, expect, it } from "vitest";
import { buildAuditEntry, retentionEnd } from "./entry";

describe("buildAuditEntry", () => {
  const now = new Date("2026-11-20T10:00:00.000Z");
  it("records ids, action, origin and a six-year expiry", () => {
    const entry = buildAuditEntry(
      {
        action: "application.approved",
        actor: { uid: "admin-1", role: "admin" },
        org: "org-1",
        target: { type: "application", id: "u-7" },
        origin: { ip: "203.0.113.9", userAgent: "Mozilla/5.0" },
      },
      now,
    );
    expect(entry).toEqual({
      action: "application.approved",
      actorUid: "admin-1",
      actorRole: "admin",
      org: "org-1",
      target: { type: "application", id: "u-7" },
      at: now,
      expireAt: new Date("2032-11-20T10:00:00.000Z"),
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0",
    });
  });
  it("stores null where the origin is unknown and bounds long headers", () => {
    const entry = buildAuditEntry(
      {
        action: "user.registered",
        actor: { uid: "u", role: "patient" },
        org: null,
        target: { type: "user", id: "u" },
        origin: { userAgent: "x".repeat(1000) },
      },
      now,
    );
    expect(entry.ip).toBeNull();
    expect(entry.userAgent).toHaveLength(256);
  });
});

describe("buildAuditEntry on behalf of a patient (issue 15)", () => {
  const now = new Date("2026-11-20T10:00:00.000Z");
  const base = {
    action: "appointment.booked" as const,
    org: "org-1",
    target: { type: "appointment", id: "a1" },
  };
  it("records the patient acted for, from the actor", () => {
    const entry = buildAuditEntry(
      { ...base, actor: { uid: "w1", role: "healthWorker", onBehalfOf: "p1" } },
      now,
    );
    expect(entry).toMatchObject({ actorUid: "w1", actorRole: "healthWorker", onBehalfOf: "p1" });
  });
  it("or given on its own", () => {
    const entry = buildAuditEntry({ ...base, actor: { uid: "h1", role: "patient" }, onBehalfOf: "c1" }, now);
    expect(entry.onBehalfOf).toBe("c1");
  });
  it("has no onBehalfOf when the actor acts for themselves", () => {
    expect("onBehalfOf" in buildAuditEntry({ ...base, actor: { uid: "p1", role: "patient" } }, now)).toBe(
      false,
    );
    const self = buildAuditEntry({ ...base, actor: { uid: "p1", role: "patient", onBehalfOf: "p1" } }, now);
    expect("onBehalfOf" in self).toBe(false);
  });
});

describe("retentionEnd", () => {
  it("moves a 29 February to 1 March six years on", () => {
    expect(retentionEnd(new Date("2028-02-29T00:00:00Z")).toISOString()).toBe("2034-03-01T00:00:00.000Z");
  });
});
