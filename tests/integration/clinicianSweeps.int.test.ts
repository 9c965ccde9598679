// What scheduled work sends clinicians and closes for them (issue 14, items 2 and 5): messages held
// through quiet hours, reminders, the daily agenda, and consultations the clock ends. Each test
// runs scheduled work (runScheduledWork), which acts on every suite's documents, so npm test runs
// this file alone (tools/test.mjs RUNS_ALONE); the messages sent when things happen are in
// clinicians.int, which runs beside other suites.
import { doc, getDoc } from "firebase/firestore";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { admin, callError, signUp } from "../../tools/emulator-client";
import {
  appointmentFixture,
  approvedDoctor,
  auditFor,
  eventually,
  makeOrg,
  orgAdmin,
  recordedTo,
} from "./fixtures";
import {
  MINUTE,
  book,
  clinicianSuite,
  confirmed,
  contactOf,
  freshPhone,
  noonSlots,
  outbox,
  sentAs,
} from "./clinicianFixtures";

const { suite, track, clinician, patient, bookedInQuietHours } = clinicianSuite();
// Scheduled work by hand, as the platform admin, as if at `now`. Here only: a suite that runs it
// must say so in its own source, which is how npm test finds the suites to run alone.
const run = <T = Record<string, number>>(task: string, now?: Date) =>
  suite.platform.call<T>("runScheduledWork", { task, ...(now ? { now: now.toISOString() } : {}) });

describe("messages to the doctor held or sent by scheduled work", () => {
  it("a message written in the doctor's quiet hours waits until they end, then is sent once", async () => {
    const { to, zone, hour, appointmentId } = await bookedInQuietHours();
    const id = `appt_${appointmentId}_booked_dr`;
    const scheduled = await eventually(async () => outbox(id), id);
    expect(scheduled.state).toBe("scheduled");
    const sendAt = DateTime.fromJSDate(scheduled.nextAttemptAt.toDate(), { zone });
    // At the end of the quiet hours, plus under 87 s that keeps held messages in order.
    const end = sendAt.set({ minute: 0, second: 0, millisecond: 0 });
    expect(end.hour).toBe((hour + 2) % 24);
    expect(sendAt.toMillis() - end.toMillis()).toBeLessThan(87_000);
    // The sweep before the end leaves it; after the end sends it, once.
    await run("outbox", new Date(sendAt.toMillis() - MINUTE));
    expect((await outbox(id))!.state).toBe("scheduled");
    expect(await recordedTo(to)).toEqual([]);
    await Promise.all([0, 1].map(() => run("outbox", new Date(sendAt.toMillis() + MINUTE))));
    await sentAs(id);
    expect(await recordedTo(to)).toHaveLength(1);
  });

  it("the reminder an hour before reaches the doctor and the patient once each; the day-before one only the patient", async () => {
    const doctorPhone = freshPhone();
    const patientPhone = freshPhone();
    const doctor = await clinician(doctorPhone);
    const simran = await patient(patientPhone);
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    await sentAs(`appt_${appointmentId}_booked_dr`);
    const start = Date.parse(slot.start);
    await run("reminders", new Date(start - 24 * 60 * MINUTE));
    await sentAs(`reminder_${appointmentId}_1440m`);
    expect(await outbox(`reminder_${appointmentId}_1440m_dr`)).toBeUndefined();
    await Promise.all([0, 1].map(() => run("reminders", new Date(start - 60 * MINUTE))));
    await sentAs(`reminder_${appointmentId}_60m`);
    const toDoctor = await sentAs(`reminder_${appointmentId}_60m_dr`);
    expect(toDoctor!.kind).toBe("clinician.reminder");
    const doctorReminders = (await recordedTo(doctorPhone)).filter((m) => m.body.includes("reminder"));
    expect(doctorReminders).toHaveLength(1);
    expect(doctorReminders[0].body).toContain("Simran G.");
    const patientReminders = (await recordedTo(patientPhone)).filter((m) => m.body.includes("याद"));
    expect(patientReminders).toHaveLength(2);
  });

  it("a cancellation by the patient in the doctor's quiet hours is held (scheduled), then sent once after them", async () => {
    const { to, zone, hour, simran, appointmentId } = await bookedInQuietHours();
    await confirmed(appointmentId);
    await simran.call("cancel", { appointmentId });
    const id = `appt_${appointmentId}_cancelled_dr`;
    const held = (await outbox(id))!;
    expect(held).toMatchObject({ kind: "clinician.cancelled", state: "scheduled", to, language: "en" });
    const sendAt = DateTime.fromJSDate(held.nextAttemptAt.toDate(), { zone });
    expect(sendAt.set({ minute: 0, second: 0, millisecond: 0 }).hour).toBe((hour + 2) % 24);
    // The patient's own message is not held: their quiet hours are not the doctor's.
    await sentAs(`appt_${appointmentId}_cancelled`);

    await run("outbox", new Date(sendAt.toMillis() - MINUTE));
    expect((await outbox(id))!.state).toBe("scheduled");
    expect(await recordedTo(to)).toEqual([]);
    await Promise.all([0, 1].map(() => run("outbox", new Date(sendAt.toMillis() + MINUTE))));
    await sentAs(id);
    // The booking (held as well) and the cancellation, once each, in that order.
    await eventually(async () => (await recordedTo(to)).length === 2, "both held messages");
    const bodies = (await recordedTo(to)).map((m) => m.body);
    expect(bodies[0]).toContain("New video call with Simran G.");
    expect(bodies[1]).toContain("Simran G. cancelled");
    expect(bodies.join(" ")).not.toMatch(/Kaur|Gill/);
  });
});

describe("the daily agenda", () => {
  it("comes once a day at the doctor's local time with count, times and mode, and never twice", async () => {
    const to = freshPhone();
    const zone = "Asia/Kolkata";
    const doctor = await clinician(to, { agendaTime: "07:30", timezone: zone });
    const uid = doctor.user.uid;
    const dueAt: number = (await contactOf(uid))!.agendaNextAt.toMillis();
    const due = DateTime.fromMillis(dueAt, { zone });
    expect(due.toFormat("HH:mm")).toBe("07:30");
    const day = due.startOf("day");
    const someone = track(await signUp());
    const at = (h: number, m = 0) => day.set({ hour: h, minute: m }).toMillis();
    await appointmentFixture({
      org: suite.org,
      doctorUid: uid,
      patientUid: someone.user.uid,
      startMs: at(9),
      endMs: at(9, 30),
    });
    await appointmentFixture({
      org: suite.org,
      doctorUid: uid,
      patientUid: someone.user.uid,
      startMs: at(14),
      endMs: at(14, 30),
      mode: "in_person",
    });
    await appointmentFixture({
      org: suite.org,
      doctorUid: uid,
      patientUid: someone.user.uid,
      startMs: at(16),
      endMs: at(16, 30),
      status: "cancelled",
    });
    const id = `agenda_${uid}_${day.toISODate()}`;

    await run("agendas", new Date(dueAt - MINUTE));
    expect(await outbox(id)).toBeUndefined();
    await Promise.all([0, 1].map(() => run("agendas", new Date(dueAt + MINUTE))));
    const sent = await sentAs(id);
    expect(sent).toMatchObject({ kind: "clinician.agenda", recipientUid: uid, appointmentId: null });
    const recorded = await recordedTo(to);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].body).toContain("2 consultations: 9:00 video, 14:00 clinic");
    const next = (await contactOf(uid))!.agendaNextAt.toMillis();
    expect(DateTime.fromMillis(next, { zone }).toISO()).toBe(due.plus({ days: 1 }).toISO());

    // Later the same day: nothing more, even after the doctor sets the same time again (which
    // makes this day's agenda due again: its id says it went already).
    await run("agendas", new Date(dueAt + 30 * MINUTE));
    await doctor.call("setClinicianContact", {
      language: "en",
      channel: "sms",
      quietHours: null,
      timezone: zone,
      agendaTime: "07:30",
    });
    await run(
      "agendas",
      new Date(Math.max(dueAt, (await contactOf(uid))!.agendaNextAt.toMillis()) + 45 * MINUTE),
    );
    expect(await recordedTo(to)).toHaveLength(1);
    expect((await contactOf(uid))!.agendaNextAt.toMillis()).toBe(next);
    // The next day's comes at its time: a day without consultations says so.
    await run("agendas", new Date(next + MINUTE));
    const tomorrow = await sentAs(`agenda_${uid}_${day.plus({ days: 1 }).toISODate()}`);
    expect(tomorrow!.body).toContain("no consultations booked");
    expect(await recordedTo(to)).toHaveLength(2);
  });

  it("bad agenda settings are refused and nothing is written", async () => {
    const doctor = track(await approvedDoctor(suite.org));
    for (const bad of [
      { language: "en", channel: "sms", quietHours: null, agendaTime: "7:30" },
      { language: "en", channel: "sms", quietHours: null, agendaTime: "24:00" },
      { language: "en", channel: "sms", quietHours: null, agendaTime: "07:30", timezone: "Mars/Olympus" },
    ])
      expect((await callError(doctor.call("setClinicianContact", bad))).code).toBe(
        "functions/invalid-argument",
      );
    expect(await contactOf(doctor.user.uid)).toBeUndefined();
  });
});

describe("consultations the clock closes", () => {
  /** An appointment of the suite's organisation from `fromMinutes` to `toMinutes` from now (negative: past). */
  const appointmentBetween = (
    doctorUid: string,
    patientUid: string,
    fromMinutes: number,
    toMinutes: number,
  ) =>
    appointmentFixture({
      org: suite.org,
      doctorUid,
      patientUid,
      startMs: Date.now() + fromMinutes * MINUTE,
      endMs: Date.now() + toMinutes * MINUTE,
    });

  /** A consultation session as the functions store it, both present since the start. */
  async function sessionWithBoth(
    a: { id: string; startMs: number; endMs: number },
    patientUid: string,
    doctorUid: string,
  ) {
    const { Timestamp } = await import("firebase-admin/firestore");
    const joined = { present: true, joins: 1, joinedAt: Timestamp.fromMillis(a.startMs) };
    await admin()
      .db.doc(`consultations/${a.id}`)
      .set({
        appointmentId: a.id,
        patientUid,
        doctorUid,
        org: suite.org,
        start: Timestamp.fromMillis(a.startMs),
        end: Timestamp.fromMillis(a.endMs),
        status: "in_progress",
        participants: { doctor: joined, patient: joined },
        createdAt: Timestamp.fromMillis(a.startMs),
        startedAt: Timestamp.fromMillis(a.startMs),
        eventCount: 2,
        updatedAt: Timestamp.fromMillis(a.startMs),
      });
  }

  it("the scheduler ends a call left in_progress past its end; one still on time is left alone", async () => {
    const doctor = track(await approvedDoctor(suite.org));
    const someone = track(await signUp());
    const stale = await appointmentBetween(doctor.user.uid, someone.user.uid, -150, -120);
    const current = await appointmentBetween(doctor.user.uid, someone.user.uid, -10, 20);
    await sessionWithBoth(stale, someone.user.uid, doctor.user.uid);
    await sessionWithBoth(current, someone.user.uid, doctor.user.uid);
    await Promise.all([0, 1].map(() => run("consultations")));
    const session = (await admin().db.doc(`consultations/${stale.id}`).get()).data()!;
    expect(session).toMatchObject({ status: "ended", endedBy: "system" });
    expect(session.participants.doctor.present).toBe(false);
    const appointment = (await admin().db.doc(`appointments/${stale.id}`).get()).data()!;
    expect(appointment.status).toBe("completed");
    expect(appointment.history.at(-1)).toMatchObject({ event: "completed", by: "system", role: "system" });
    const events = await admin().db.collection(`consultations/${stale.id}/events`).get();
    expect(events.docs.map((d) => d.get("type"))).toEqual(["ended"]);
    expect((await auditFor(stale.id)).map((e) => e.action).sort()).toEqual([
      "appointment.completed",
      "consultation.ended",
    ]);
    expect((await admin().db.doc(`consultations/${current.id}`).get()).get("status")).toBe("in_progress");
    expect((await admin().db.doc(`appointments/${current.id}`).get()).get("status")).toBe("booked");
  });

  it("a patient waiting alone past the start is told, once, and the clinic's admins see an alert", async () => {
    const patientPhone = freshPhone();
    const doctor = track(await approvedDoctor(suite.org));
    const waiting = await patient(patientPhone);
    const late = await appointmentBetween(doctor.user.uid, waiting.user.uid, -6, 24);
    const onTime = await appointmentBetween(doctor.user.uid, waiting.user.uid, -7, 23);
    await waiting.call("joinConsultation", { appointmentId: late.id });
    await waiting.call("joinConsultation", { appointmentId: onTime.id });
    await doctor.call("joinConsultation", { appointmentId: onTime.id });
    await Promise.all([0, 1].map(() => run("consultations")));

    const alertId = `consultation.doctorLate_${late.id}`;
    const alert = (await admin().db.doc(`alerts/${alertId}`).get()).data();
    expect(alert).toMatchObject({
      kind: "consultation.doctorLate",
      org: suite.org,
      appointmentId: late.id,
      doctorUid: doctor.user.uid,
    });
    expect(JSON.stringify(alert)).not.toContain(waiting.user.uid);
    const told = await sentAs(`consult_${late.id}_doctorLate`);
    expect(told!.kind).toBe("consultation.doctorLate");
    expect((await recordedTo(patientPhone)).filter((m) => m.body.includes("डॉ."))).toHaveLength(1);
    expect((await admin().db.doc(`alerts/consultation.doctorLate_${onTime.id}`).get()).exists).toBe(false);
    expect(await outbox(`consult_${onTime.id}_doctorLate`)).toBeUndefined();
    expect((await auditFor(late.id)).filter((e) => e.action === "consultation.doctorLate")).toHaveLength(1);

    // The clinic's admins read the alert; an admin of another clinic and the patient do not.
    const clinicAdmin = track(await orgAdmin(suite.org));
    expect((await getDoc(doc(clinicAdmin.db, "alerts", alertId))).data()).toMatchObject({
      appointmentId: late.id,
    });
    const otherAdmin = track(await orgAdmin(await makeOrg()));
    await expect(getDoc(doc(otherAdmin.db, "alerts", alertId))).rejects.toMatchObject({
      code: "permission-denied",
    });
    await expect(getDoc(doc(waiting.db, "alerts", alertId))).rejects.toMatchObject({
      code: "permission-denied",
    });
  });

  it("only a platform admin runs the agenda and consultation sweeps by hand", async () => {
    const someone = track(await signUp());
    for (const task of ["agendas", "consultations"])
      expect((await callError(someone.call("runScheduledWork", { task }))).code).toBe(
        "functions/permission-denied",
      );
  });
});
