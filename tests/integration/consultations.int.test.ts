// Video consultations against the emulators: who may join and when, the Jitsi and Twilio tokens,
// and the session's lifecycle. Appointments nobody comes to, which scheduled work marks, are in
// noShows.int.
import { readFileSync } from "node:fs";
import path from "node:path";
import { collection, doc, getDoc, getDocs, orderBy, query } from "firebase/firestore";
import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { roomNameFor } from "../../functions/src/adapters/video/jitsi";
import { callError } from "../../tools/emulator-client";
import { auditFor, type AppointmentFixture } from "./fixtures";
import {
  MINUTE,
  appointmentOf,
  consultationSuite,
  eventsOf,
  joinAs,
  sessionOf,
} from "./consultationFixtures";

// Local parameter values and the harness-generated secrets, to verify the tokens as Jitsi's
// prosody and Twilio would.
const readEnv = (file: string): Record<string, string> =>
  Object.fromEntries(
    readFileSync(path.join(import.meta.dirname, "../../functions", file), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#") && l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
const env = readEnv(".env.local");
const secrets = readEnv(".secret.local");

const { suite, appointments, openBookings } = consultationSuite();

/** A refused call left no session, no event, no audit entry, and the appointment as it was. */
async function expectNothingWritten(a: AppointmentFixture, appointmentBefore: Record<string, unknown>) {
  expect(await sessionOf(a.id)).toBeUndefined();
  expect(await eventsOf(a.id)).toEqual([]);
  expect(await auditFor(a.id)).toEqual([]);
  expect(await appointmentOf(a.id)).toEqual(appointmentBefore);
}

describe("joinConsultation: who and when", () => {
  it("refuses a third user (permission-denied) and writes nothing", async () => {
    const { inProgress } = await appointments();
    const before = await appointmentOf(inProgress.id);
    const refused = await callError(joinAs(suite.stranger, inProgress.id));
    expect(refused).toEqual({
      code: "functions/permission-denied",
      message: "only the patient and the doctor of this appointment can join its consultation",
    });
    for (const name of ["leaveConsultation", "startConsultation", "endConsultation"]) {
      expect((await callError(suite.stranger.call(name, { appointmentId: inProgress.id }))).code).toBe(
        "functions/permission-denied",
      );
    }
    await expectNothingWritten(inProgress, before);
  });

  it("refuses outside the window, before and after, and for cancelled and in-person appointments; nothing is written", async () => {
    const { later, past, cancelled, inPerson } = await appointments();
    const cases: Array<[AppointmentFixture, RegExp]> = [
      [later, /^the consultation opens at \d\d:\d\d UTC( on \d{4}-\d\d-\d\d)?; try again then$/],
      [past, /^the consultation time ended at \d\d:\d\d UTC/],
      [cancelled, /^this appointment was cancelled$/],
      [inPerson, /^this appointment is in person; it has no video consultation$/],
    ];
    for (const [a, message] of cases) {
      const before = await appointmentOf(a.id);
      for (const who of [suite.patient, suite.doctor]) {
        const refused = await callError(joinAs(who, a.id));
        expect(refused.code).toBe("functions/failed-precondition");
        expect(refused.message).toMatch(message);
      }
      await expectNothingWritten(a, before);
    }
    const opensAt = new Date(later.startMs - 10 * MINUTE).toISOString().slice(11, 16);
    expect((await callError(joinAs(suite.patient, later.id))).message).toContain(`opens at ${opensAt} UTC`);
  });

  it("refuses a bad request, an unknown appointment, and leaving or starting before joining", async () => {
    const { inProgress } = await appointments();
    const before = await appointmentOf(inProgress.id);
    const bad = await callError(joinAs(suite.patient, inProgress.id, "zoom"));
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toContain("provider:");
    expect(
      (await callError(suite.patient.call("joinConsultation", { appointmentId: inProgress.id, extra: 1 })))
        .code,
    ).toBe("functions/invalid-argument");
    expect((await callError(joinAs(suite.patient, "no-such-appointment"))).code).toBe("functions/not-found");
    expect(
      await callError(suite.patient.call("leaveConsultation", { appointmentId: inProgress.id })),
    ).toEqual({
      code: "functions/failed-precondition",
      message: "the patient is not in the consultation",
    });
    expect(await callError(suite.doctor.call("startConsultation", { appointmentId: inProgress.id }))).toEqual(
      {
        code: "functions/failed-precondition",
        message: "join the consultation before starting it",
      },
    );
    await expectNothingWritten(inProgress, before);
  });
});

describe("joinConsultation: tokens", () => {
  it("Jitsi and Twilio tokens for the room of the appointment, valid until its end; the doctor moderates", async () => {
    const { inProgress } = await appointments();
    const room = roomNameFor(inProgress.id, secrets.VIDEO_ROOM_SALT);
    const verifyJitsi = (token: string) =>
      jwt.verify(token, secrets.JITSI_APP_SECRET, {
        algorithms: ["HS256"],
        audience: "jitsi",
        issuer: env.JITSI_APP_ID,
      }) as jwt.JwtPayload;

    const asPatient = await joinAs(suite.patient, inProgress.id);
    expect(asPatient).toMatchObject({
      status: "waiting",
      role: "patient",
      jitsi: { domain: env.JITSI_DOMAIN, room },
      twilio: { room, identity: suite.patient.user.uid },
    });
    expect(room).toMatch(/^[0-9a-f]{24}$/);
    const patientJitsi = verifyJitsi(asPatient.jitsi!.token);
    expect(patientJitsi).toMatchObject({
      sub: env.JITSI_DOMAIN,
      room,
      nbf: (inProgress.startMs - 10 * MINUTE) / 1000,
      exp: inProgress.endMs / 1000,
      context: { user: { id: suite.patient.user.uid, moderator: "false" } },
    });
    expect(patientJitsi.context.user.name).toBeUndefined();
    expect(() => jwt.verify(asPatient.jitsi!.token, "another-secret")).toThrow(jwt.JsonWebTokenError);

    const twilioClaims = jwt.verify(asPatient.twilio!.token, secrets.TWILIO_API_KEY_SECRET, {
      algorithms: ["HS256"],
    }) as jwt.JwtPayload;
    expect(twilioClaims).toMatchObject({
      iss: env.TWILIO_API_KEY_SID,
      sub: secrets.TWILIO_ACCOUNT_SID,
      grants: { identity: suite.patient.user.uid, video: { room } },
    });
    expect(Math.abs(twilioClaims.exp! - inProgress.endMs / 1000)).toBeLessThanOrEqual(1);

    const asDoctor = await joinAs(suite.doctor, inProgress.id, "jitsi");
    expect(asDoctor).toMatchObject({ status: "in_progress", role: "doctor" });
    expect(asDoctor.twilio).toBeUndefined();
    expect(verifyJitsi(asDoctor.jitsi!.token)).toMatchObject({
      room,
      exp: inProgress.endMs / 1000,
      context: { user: { id: suite.doctor.user.uid, moderator: "true", affiliation: "owner" } },
    });

    const twilioOnly = await joinAs(suite.patient, inProgress.id, "twilio");
    expect(twilioOnly.jitsi).toBeUndefined();
    expect(twilioOnly.twilio?.identity).toBe(suite.patient.user.uid);
  });

  it("the participants read the session and its events with the client SDK; a third user cannot", async () => {
    const { inProgress } = await appointments();
    await joinAs(suite.patient, inProgress.id);
    for (const c of [suite.patient, suite.doctor]) {
      const snap = await getDoc(doc(c.db, "consultations", inProgress.id));
      expect(snap.data()).toMatchObject({
        appointmentId: inProgress.id,
        status: "waiting",
        participants: { patient: { present: true, joins: 1 }, doctor: { present: false, joins: 0 } },
      });
      const events = await getDocs(
        query(collection(c.db, "consultations", inProgress.id, "events"), orderBy("seq")),
      );
      expect(events.docs.map((d) => d.get("type"))).toEqual(["joined"]);
    }
    await expect(getDoc(doc(suite.stranger.db, "consultations", inProgress.id))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(
      getDocs(collection(suite.stranger.db, "consultations", inProgress.id, "events")),
    ).rejects.toMatchObject({ code: "permission-denied" });
  });
});

describe("the consultation's lifecycle", () => {
  it("created -> waiting -> in_progress -> ended, logged; ending completes the appointment; the patient cannot start or end", async () => {
    const { inProgress } = await appointments();
    const id = inProgress.id;
    expect(await sessionOf(id)).toBeUndefined(); // created by the first join

    expect((await joinAs(suite.patient, id)).status).toBe("waiting");
    const created = (await sessionOf(id))!;
    expect(created).toMatchObject({
      status: "waiting",
      patientUid: suite.patient.user.uid,
      doctorUid: suite.doctor.user.uid,
      org: suite.org,
    });
    expect(created.createdAt.toMillis()).toBe(created.participants.patient.joinedAt.toMillis());

    expect(await suite.patient.call("leaveConsultation", { appointmentId: id })).toEqual({
      status: "waiting",
    });
    expect((await joinAs(suite.doctor, id)).status).toBe("waiting"); // the patient dropped out

    const eventsBefore = await eventsOf(id);
    const sessionBefore = await sessionOf(id);
    expect(await callError(suite.patient.call("startConsultation", { appointmentId: id }))).toEqual({
      code: "functions/permission-denied",
      message: "only the doctor can start the consultation",
    });
    expect(await callError(suite.patient.call("endConsultation", { appointmentId: id }))).toEqual({
      code: "functions/permission-denied",
      message: "only the doctor can end the consultation; leave it instead",
    });
    expect(await eventsOf(id)).toEqual(eventsBefore);
    expect(await sessionOf(id)).toEqual(sessionBefore);
    expect((await appointmentOf(id)).status).toBe("booked");

    expect(await suite.doctor.call("startConsultation", { appointmentId: id })).toEqual({
      status: "in_progress",
    });
    expect((await callError(suite.doctor.call("startConsultation", { appointmentId: id }))).message).toBe(
      "the consultation has already started",
    );
    expect(await suite.doctor.call("endConsultation", { appointmentId: id })).toEqual({
      status: "ended",
      appointmentStatus: "completed",
    });

    const ended = (await sessionOf(id))!;
    expect(ended).toMatchObject({
      status: "ended",
      endedBy: "doctor",
      eventCount: 5,
      participants: { doctor: { present: false, joins: 1 }, patient: { present: false, joins: 1 } },
    });
    expect(ended.startedAt.toMillis()).toBeLessThanOrEqual(ended.endedAt.toMillis());
    const events = await eventsOf(id);
    expect(events.map((e) => [e.seq, e.type, e.role])).toEqual([
      [0, "joined", "patient"],
      [1, "left", "patient"],
      [2, "joined", "doctor"],
      [3, "started", "doctor"],
      [4, "ended", "doctor"],
    ]);
    for (let i = 1; i < events.length; i += 1)
      expect(events[i].at.toMillis()).toBeGreaterThanOrEqual(events[i - 1].at.toMillis());

    const appointment = await appointmentOf(id);
    expect(appointment.status).toBe("completed");
    expect(appointment.history.at(-1)).toMatchObject({
      event: "completed",
      by: suite.doctor.user.uid,
      role: "doctor",
    });
    expect(await openBookings()).not.toHaveProperty(id);
    const actions = (await auditFor(id)).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual([
      "consultation.joined",
      "consultation.joined",
      "consultation.started",
    ]);
    expect(actions.slice(3).sort()).toEqual(["appointment.completed", "consultation.ended"]); // one transaction, one instant

    expect(await callError(joinAs(suite.patient, id))).toEqual({
      code: "functions/failed-precondition",
      message: "this consultation is over",
    });
    expect((await callError(suite.doctor.call("endConsultation", { appointmentId: id }))).message).toBe(
      "the consultation has already ended",
    );
    expect(await eventsOf(id)).toHaveLength(5);
  });

  it("concurrent joins by the doctor and the patient both succeed; the session is in progress", async () => {
    const { inProgress } = await appointments();
    const [d, p] = await Promise.all([
      joinAs(suite.doctor, inProgress.id),
      joinAs(suite.patient, inProgress.id),
    ]);
    expect([d.role, p.role]).toEqual(["doctor", "patient"]);
    expect([d.status, p.status].sort()).toEqual(["in_progress", "waiting"]);
    const session = (await sessionOf(inProgress.id))!;
    expect(session).toMatchObject({
      status: "in_progress",
      eventCount: 2,
      participants: { doctor: { present: true, joins: 1 }, patient: { present: true, joins: 1 } },
    });
    const events = await eventsOf(inProgress.id);
    expect(events.map((e) => e.seq)).toEqual([0, 1]);
    expect(events.map((e) => e.role).sort()).toEqual(["doctor", "patient"]);
    expect((await auditFor(inProgress.id)).map((e) => e.action).sort()).toEqual([
      "consultation.joined",
      "consultation.joined",
      "consultation.started",
    ]);
  });
});
