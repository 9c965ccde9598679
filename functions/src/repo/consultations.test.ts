import { Timestamp } from "firebase-admin/firestore";
import { describe, expect, it } from "vitest";
import { join, markNoShow, newSession, end } from "../domain/consultations/session";
import { eventToDoc, sessionFromDoc, sessionToDoc } from "./consultations";

const startMs = Date.parse("2026-12-01T10:30:00Z");
const appointment = {
  patientUid: "p1",
  doctorUid: "d1",
  org: "org-1",
  startMs,
  endMs: startMs + 30 * 60_000,
};
const updatedAt = new Date(startMs + 60_000);

function ok<T extends { ok: boolean }>(t: T): Extract<T, { ok: true }> {
  if (!t.ok) throw new Error("transition refused");
  return t as Extract<T, { ok: true }>;
}

describe("session converters", () => {
  it("a new session round-trips, with no undefined fields stored", () => {
    const session = newSession("a1", appointment, startMs - 5 * 60_000);
    const doc = sessionToDoc(session, 0, updatedAt);
    expect(doc.start).toEqual(Timestamp.fromMillis(startMs));
    expect(doc.participants.doctor).toEqual({ present: false, joins: 0 });
    expect(Object.values(doc).includes(undefined)).toBe(false);
    expect(sessionFromDoc(doc)).toEqual(session);
  });

  it("an ended session keeps every instant to the millisecond", () => {
    let s = newSession("a1", appointment, startMs);
    s = ok(join(s, "doctor", startMs + 1)).session;
    s = ok(join(s, "patient", startMs + 2)).session;
    s = ok(end(s, "doctor", startMs + 1_234_567)).session;
    const doc = sessionToDoc(s, 3, updatedAt);
    expect(doc).toMatchObject({
      status: "ended",
      endedBy: "doctor",
      eventCount: 3,
      startedAt: Timestamp.fromMillis(startMs + 2),
      endedAt: Timestamp.fromMillis(startMs + 1_234_567),
    });
    expect(doc.participants.patient).toEqual({
      present: false,
      joins: 1,
      joinedAt: Timestamp.fromMillis(startMs + 2),
      leftAt: Timestamp.fromMillis(startMs + 1_234_567),
    });
    expect(sessionFromDoc(doc)).toEqual(s);
  });

  it("a no-show keeps who was absent, on the session and on its event", () => {
    const t = ok(
      markNoShow(newSession("a1", appointment, startMs), { absent: "both" }, startMs + 16 * 60_000),
    );
    expect(sessionFromDoc(sessionToDoc(t.session, 1, updatedAt)).noShow).toEqual({ absent: "both" });
    expect(eventToDoc(t.event, 0)).toEqual({
      type: "no_show",
      role: "system",
      at: Timestamp.fromMillis(startMs + 16 * 60_000),
      seq: 0,
      absent: "both",
    });
    const joined = ok(join(newSession("a1", appointment, startMs), "patient", startMs));
    expect(eventToDoc(joined.event, 4)).toEqual({
      type: "joined",
      role: "patient",
      at: Timestamp.fromMillis(startMs),
      seq: 4,
    });
  });
});
