import { describe, expect, it } from "vitest";
import {
  buildEvent,
  checkIds,
  EVENT_TYPES,
  eventIdFor,
  ID_FIELDS,
  InvalidEventError,
  REQUIRED_IDS,
  type EventIds,
} from "./events";

const now = new Date("2026-11-20T10:15:00.000Z");
const appointmentIds = { appointmentId: "appt1", patientUid: "pat1", doctorUid: "doc1" };

describe("buildEvent", () => {
  it("builds an event with ids only, the time as an ISO instant and the organisation", () => {
    expect(
      buildEvent("appointment.booked", { org: "org-clinic-1", ids: appointmentIds, key: "appt1" }, now),
    ).toEqual({
      eventId: "appointment.booked:appt1",
      type: "appointment.booked",
      occurredAt: "2026-11-20T10:15:00.000Z",
      org: "org-clinic-1",
      ids: appointmentIds,
    });
  });

  it("the same natural key gives the same event id (a retried handler records one event)", () => {
    const a = buildEvent("appointment.cancelled", { org: "o", ids: appointmentIds, key: "appt1" }, now);
    const b = buildEvent(
      "appointment.cancelled",
      { org: "o", ids: appointmentIds, key: "appt1" },
      new Date(now.getTime() + 5000),
    );
    expect(a.eventId).toBe(b.eventId);
    // The type is part of the id: a booking and a cancellation of one appointment are two events.
    expect(
      buildEvent("appointment.booked", { org: "o", ids: appointmentIds, key: "appt1" }, now).eventId,
    ).not.toBe(a.eventId);
  });

  it("without a key the id comes from the generator (random by default)", () => {
    expect(
      buildEvent(
        "stock.out",
        { org: null, ids: { pharmacyId: "ph1", medicineId: "paracetamol-500mg-tablet" } },
        now,
        () => "fixed",
      ).eventId,
    ).toBe("stock.out:fixed");
    const x = buildEvent("stock.out", { org: null, ids: { pharmacyId: "ph1", medicineId: "m" } }, now);
    const y = buildEvent("stock.out", { org: null, ids: { pharmacyId: "ph1", medicineId: "m" } }, now);
    expect(x.eventId).toMatch(/^stock\.out:[0-9a-f-]{36}$/);
    expect(x.eventId).not.toBe(y.eventId);
  });

  it("keeps only the ids given, drops empty ones and accepts ids with dots, dashes, underscores and colons", () => {
    const event = buildEvent(
      "consent.granted",
      {
        org: null,
        ids: {
          consentId: "pat1_org:org-1",
          patientUid: "pat1",
          granteeOrg: "org-1",
          granteeUid: undefined,
          doctorUid: "",
        },
        key: "pat1_org:org-1:1700000000000",
      },
      now,
    );
    expect(event.ids).toEqual({ consentId: "pat1_org:org-1", patientUid: "pat1", granteeOrg: "org-1" });
  });

  it("refuses names, phone numbers, emails and free text in ids", () => {
    const bad: EventIds[] = [
      { ...appointmentIds, patientUid: "Sunita Devi" },
      { ...appointmentIds, patientUid: "+919800000001" },
      { ...appointmentIds, patientUid: "9800000001" },
      { ...appointmentIds, patientUid: "sunita@example.org" },
      { ...appointmentIds, patientUid: "fever for three days" },
      { ...appointmentIds, patientUid: "x".repeat(129) },
    ];
    for (const ids of bad)
      expect(() => buildEvent("appointment.booked", { org: "o", ids, key: "k" }, now)).toThrow(
        InvalidEventError,
      );
  });

  it("refuses fields that are not id fields, even with id-like values", () => {
    const ids = { ...appointmentIds, patientName: "Sunita" } as unknown as EventIds;
    expect(() => buildEvent("appointment.booked", { org: "o", ids }, now)).toThrow(
      "ids.patientName is not an id field",
    );
    const notes = { ...appointmentIds, notes: "x" } as unknown as EventIds;
    expect(() => buildEvent("appointment.booked", { org: "o", ids: notes }, now)).toThrow(InvalidEventError);
  });

  it("requires the ids of its type", () => {
    expect(() => buildEvent("appointment.booked", { org: "o", ids: { appointmentId: "a" } }, now)).toThrow(
      "missing ids patientUid, doctorUid",
    );
    expect(() => buildEvent("user.registered", { org: null, ids: {} }, now)).toThrow("missing ids uid");
  });

  it("refuses an unknown type, a bad key, a bad org and an invalid time", () => {
    expect(() => buildEvent("appointment.rescheduled" as never, { org: null, ids: {} }, now)).toThrow(
      "unknown event type",
    );
    expect(() => buildEvent("user.registered", { org: null, ids: { uid: "u" }, key: "a/b" }, now)).toThrow(
      InvalidEventError,
    );
    expect(() => buildEvent("user.registered", { org: null, ids: { uid: "u" }, key: "" }, now)).toThrow(
      InvalidEventError,
    );
    expect(() =>
      buildEvent("user.registered", { org: "Arogya Clinic Nabha", ids: { uid: "u" } }, now),
    ).toThrow("org does not look like an id");
    expect(() => buildEvent("user.registered", { org: null, ids: { uid: "u" } }, new Date("nope"))).toThrow(
      "invalid time",
    );
  });

  it("every type lists required ids that are id fields", () => {
    for (const type of EVENT_TYPES) {
      expect(REQUIRED_IDS[type].length).toBeGreaterThan(0);
      for (const f of REQUIRED_IDS[type]) expect(ID_FIELDS).toContain(f);
    }
  });
});

describe("eventIdFor / checkIds", () => {
  it("prefixes the key with the type", () => {
    expect(eventIdFor("record.uploaded", "rec1")).toBe("record.uploaded:rec1");
  });
  it("replaces a key longer than 100 characters by a stable hash", () => {
    const long = `ph1:${"amoxicillin-clavulanic-acid-".repeat(5)}:1700000000000`;
    const id = eventIdFor("stock.out", long);
    expect(id).toMatch(/^stock\.out:h-[0-9a-f]{40}$/);
    expect(eventIdFor("stock.out", long)).toBe(id);
    expect(eventIdFor("stock.out", `${long}1`)).not.toBe(id);
  });
  it("returns a copy without empty values", () => {
    const ids = { uid: "u1", actorUid: "" };
    expect(checkIds("user.registered", ids)).toEqual({ uid: "u1" });
    expect(ids).toEqual({ uid: "u1", actorUid: "" });
  });
});
