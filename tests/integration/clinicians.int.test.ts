// Messages to clinicians (issue 14, item 2) and consultations the clock closes (item 5), against
// the emulators, through the client SDK as a doctor, a patient and a clinic admin would use them.
// What reaches a phone is read back from the local Twilio API's recordings.
import { doc, getDoc } from "firebase/firestore";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import {
  appointmentFixture,
  approvedDoctor,
  auditFor,
  eventually,
  freeSlots,
  makeOrg,
  orgAdmin,
  platformAdmin,
  provePhoneByAuth,
  recordedTo,
} from "./fixtures";

const clients: Client[] = [];
const track = <T extends Client>(c: T): T => (clients.push(c), c);
afterAll(async () => Promise.all(clients.map((c) => c.close())));

let org: string;
let platform: Client;
beforeAll(async () => {
  org = await makeOrg();
  platform = track(await platformAdmin());
});

const MINUTE = 60_000;
let sequence = Math.floor(Math.random() * 800_000) + 100_000;
/** A fresh Indian mobile number (suffix 1234: the Twilio emulator accepts it). */
const freshPhone = () => `+9196${String(sequence++).padStart(6, "0")}34`;
const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();
const messagesFor = async (uid: string) =>
  (await admin().db.collection("outbox").where("recipientUid", "==", uid).get()).docs.map((d) => d.data());
const contactOf = async (uid: string) => (await admin().db.doc(`contacts/${uid}`).get()).data();
const sentAs = (id: string) =>
  eventually(async () => (await outbox(id))?.state === "sent" && outbox(id), `${id} to be sent`);
const run = <T = Record<string, number>>(task: string, now?: Date) =>
  platform.call<T>("runScheduledWork", { task, ...(now ? { now: now.toISOString() } : {}) });

type Prefs = {
  language?: "en" | "hi" | "pa";
  channel?: "sms" | "whatsapp";
  quietHours?: { startHour: number; endHour: number } | null;
  timezone?: string;
  agendaTime?: string | null;
};

/** An approved doctor who proved `phone` (unless null) and set how they are messaged. */
async function clinician(phone: string | null, prefs: Prefs = {}): Promise<Client> {
  const doctor = track(await approvedDoctor(org));
  if (phone) await provePhoneByAuth(doctor, phone);
  await doctor.call("setClinicianContact", {
    language: "en",
    channel: "sms",
    quietHours: null,
    ...prefs,
  });
  return doctor;
}

/** A patient named Simran Kaur Gill who proved their number. */
async function patient(phone = freshPhone()): Promise<Client> {
  const client = track(await signUp());
  await admin()
    .db.doc(`patients/${client.user.uid}`)
    .set({
      name: "Simran Kaur Gill",
      dateOfBirth: "1990-01-01",
      sex: "female",
      phone,
      language: "hi",
      address: { line1: "1 Main Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
  await provePhoneByAuth(client, phone);
  return client;
}

/** Free 12:00 IST slots of a doctor, two days ahead or more (out of every cut-off and urgent window). */
async function noonSlots(client: Client, doctorUid: string) {
  const slots = await freeSlots(client, doctorUid, 30);
  return slots.filter((s) => s.localTime === "12:00" && Date.parse(s.start) > Date.now() + 2 * 86_400_000);
}
const book = (client: Client, doctorUid: string, start: string) =>
  client.call<{ appointmentId: string }>("book", { doctorUid, start, mode: "video" });

/**
 * A doctor whose quiet hours run from this hour for two hours, on their clock (Asia/Kolkata), and
 * a new patient's booking with them at noon.
 */
async function bookedInQuietHours() {
  const to = freshPhone();
  const zone = "Asia/Kolkata";
  const hour = DateTime.now().setZone(zone).hour;
  const doctor = await clinician(to, {
    quietHours: { startHour: hour, endHour: (hour + 2) % 24 },
    timezone: zone,
  });
  const simran = await patient();
  const [slot] = await noonSlots(simran, doctor.user.uid);
  const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
  return { to, zone, hour, doctor, simran, appointmentId };
}

describe("messages to the doctor", () => {
  it("the doctor receives the booking SMS on their proven number, naming the patient by first name and initial", async () => {
    const to = freshPhone();
    const doctor = await clinician(to);
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    const sent = await sentAs(`appt_${appointmentId}_booked_dr`);
    expect(sent).toMatchObject({
      kind: "clinician.booked",
      recipientUid: doctor.user.uid,
      to,
      language: "en",
      channel: "sms",
      appointmentId,
    });
    const recorded = await recordedTo(to);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].body).toContain("Simran G.");
    expect(recorded[0].body).toContain("12:00 pm");
    expect(recorded[0].body).not.toMatch(/Kaur|Gill|1990|Ludhiana/);
    // The patient's own confirmation is unchanged, and separate.
    await sentAs(`appt_${appointmentId}_booked`);
  });

  it("a doctor whose number is not proven receives nothing; booking still succeeds", async () => {
    const typed = freshPhone();
    const doctor = await clinician(null);
    // A code was sent to the number but never confirmed: it is not proven.
    await doctor.call("requestPhoneVerification", { phone: typed });
    await eventually(async () => (await recordedTo(typed)).length === 1, "the verification code");
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    await sentAs(`appt_${appointmentId}_booked`);
    await eventually(
      async () =>
        (await admin().db.doc(`appointments/${appointmentId}`).get()).get("confirmation") === "queued",
      "the confirmation to be handled",
    );
    expect(await outbox(`appt_${appointmentId}_booked_dr`)).toBeUndefined();
    expect((await messagesFor(doctor.user.uid)).map((m) => m.kind)).toEqual(["phone.verification"]);
    expect(await recordedTo(typed)).toHaveLength(1);
  });

  it("a doctor who replied STOP is not texted (the message fails as opted-out)", async () => {
    const to = freshPhone();
    const doctor = await clinician(to);
    const { Timestamp } = await import("firebase-admin/firestore");
    // What the inbound webhook writes on STOP (notifications.int.test.ts drives the webhook itself).
    await admin().db.doc(`optOuts/${to}`).set({ optedOutAt: Timestamp.now(), keyword: "STOP" });
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    const id = `appt_${appointmentId}_booked_dr`;
    const failed = await eventually(async () => (await outbox(id))?.state === "failed" && outbox(id), id);
    expect(failed!.error.code).toBe("opted-out");
    expect(await recordedTo(to)).toEqual([]);
  });

  it("a reschedule and a cancellation by the patient text the doctor; a cancellation by the doctor does not", async () => {
    const to = freshPhone();
    const doctor = await clinician(to, { language: "hi" });
    const simran = await patient();
    const [first, second, third] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, first.start);
    // The booking's confirmation is written by a trigger after the call; one cancelled before it
    // runs is never confirmed, so the reschedule waits for it, as a person would.
    await sentAs(`appt_${appointmentId}_booked_dr`);
    await simran.call("reschedule", { appointmentId, start: second.start });
    await simran.call("cancel", { appointmentId });
    const moved = await sentAs(`appt_${appointmentId}_rescheduled_1_dr`);
    expect(moved!.kind).toBe("clinician.rescheduled");
    const cancelled = await sentAs(`appt_${appointmentId}_cancelled_dr`);
    expect(cancelled!.kind).toBe("clinician.cancelled");
    const bodies = (await recordedTo(to)).map((m) => m.body);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body).toMatch(/[\u0900-\u097F]/); // the doctor's language, Hindi
      expect(body).toContain("Simran G.");
    }

    // The doctor cancels another booking themselves: they are not told what they did.
    const other = await book(simran, doctor.user.uid, third.start);
    await sentAs(`appt_${other.appointmentId}_booked_dr`);
    await doctor.call("cancel", { appointmentId: other.appointmentId, reason: "On leave" });
    await sentAs(`appt_${other.appointmentId}_cancelled`);
    expect(await outbox(`appt_${other.appointmentId}_cancelled_dr`)).toBeUndefined();
    expect(await recordedTo(to)).toHaveLength(4);
  });

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
});

describe("messages to the doctor about changes (clinicianMessages: proven number, language, clock, quiet hours)", () => {
  /** A member of the clinic, so that its admin may suspend them. */
  async function member(doctor: Client) {
    const uid = doctor.user.uid;
    await admin()
      .db.doc(`organisations/${org}/members/${uid}`)
      .set({ uid, role: "doctor", status: "active", since: new Date() });
  }
  /** The booking's confirmations are written by a trigger: wait until they are handled. */
  const confirmed = (appointmentId: string) =>
    eventually(
      async () =>
        (await admin().db.doc(`appointments/${appointmentId}`).get()).get("confirmation") !== "pending",
      "the confirmation to be handled",
    );
  const suspend = async (doctorUid: string, appointmentIds: string[]) => {
    const clinicAdmin = track(await orgAdmin(org));
    const request = { uid: doctorUid, org, status: "suspended", reason: "registration under review" };
    const preview = await clinicAdmin.call<{ affected: Array<{ appointmentId: string }> }>("setUserStatus", {
      ...request,
      dryRun: true,
    });
    expect(preview.affected.map((a) => a.appointmentId).sort()).toEqual([...appointmentIds].sort());
    return clinicAdmin.call<{ schedule: { changeId: string; cancelled: string[] } }>("setUserStatus", {
      ...request,
      confirmAffected: appointmentIds,
    });
  };

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

  it("a doctor whose number is not proven receives nothing about cancellations, proposals or a suspension", async () => {
    const typed = freshPhone();
    const doctor = await clinician(null);
    await member(doctor);
    await doctor.call("requestPhoneVerification", { phone: typed });
    await eventually(async () => (await recordedTo(typed)).length === 1, "the verification code");
    const simran = await patient();
    const [a, b, c, d, e] = await noonSlots(simran, doctor.user.uid);
    const booked = [];
    for (const slot of [a, b, c]) booked.push(await book(simran, doctor.user.uid, slot.start));
    for (const { appointmentId } of booked) await confirmed(appointmentId);
    await simran.call("cancel", { appointmentId: booked[0].appointmentId });
    await doctor.call("proposeTime", { appointmentId: booked[1].appointmentId, start: d.start });
    await simran.call("answerProposal", { appointmentId: booked[1].appointmentId, accept: true });
    await doctor.call("proposeTime", { appointmentId: booked[2].appointmentId, start: e.start });
    await simran.call("answerProposal", { appointmentId: booked[2].appointmentId, accept: false });
    const done = await suspend(doctor.user.uid, [booked[1].appointmentId]);
    expect(done.schedule.cancelled).toEqual([booked[1].appointmentId]);

    expect((await admin().db.doc(`scheduleChanges/${done.schedule.changeId}`).get()).get("state")).toBe(
      "done",
    );
    expect(await outbox(`schedule_${done.schedule.changeId}_done`)).toBeUndefined();
    expect((await messagesFor(doctor.user.uid)).map((m) => m.kind)).toEqual(["phone.verification"]);
    expect(await recordedTo(typed)).toHaveLength(1);
    // The patient was told of each change on their own proven number.
    const kinds = (await messagesFor(simran.user.uid)).map((m) => m.kind);
    expect(kinds.filter((k) => k === "appointment.cancelled")).toHaveLength(3);
    expect(kinds).toContain("appointment.rescheduled");
  });

  it("a proposal's answers and a suspension's summary reach the doctor in their language, naming the patient briefly", async () => {
    const to = freshPhone();
    const doctor = await clinician(to, { language: "pa" });
    await member(doctor);
    const simran = await patient();
    const [a, b, c, d] = await noonSlots(simran, doctor.user.uid);
    const first = await book(simran, doctor.user.uid, a.start);
    const second = await book(simran, doctor.user.uid, b.start);
    for (const { appointmentId } of [first, second]) await sentAs(`appt_${appointmentId}_booked_dr`);

    await doctor.call("proposeTime", { appointmentId: first.appointmentId, start: c.start });
    await simran.call("answerProposal", { appointmentId: first.appointmentId, accept: true });
    const accepted = (await messagesFor(doctor.user.uid)).find((m) => m.kind === "schedule.proposalAccepted");
    expect(accepted).toMatchObject({
      to,
      language: "pa",
      channel: "sms",
      appointmentId: first.appointmentId,
    });
    await doctor.call("proposeTime", { appointmentId: second.appointmentId, start: d.start });
    await simran.call("answerProposal", { appointmentId: second.appointmentId, accept: false });
    const declined = await sentAs(`appt_${second.appointmentId}_proposal_1_declined`);
    expect(declined).toMatchObject({ kind: "schedule.proposalDeclined", to, language: "pa" });
    // Declining cancels: the doctor hears of it once, as the proposal's answer.
    expect(await outbox(`appt_${second.appointmentId}_cancelled_dr`)).toBeUndefined();

    const done = await suspend(doctor.user.uid, [first.appointmentId]);
    const summary = await sentAs(`schedule_${done.schedule.changeId}_done`);
    expect(summary).toMatchObject({
      kind: "schedule.appointmentsChanged",
      recipientUid: doctor.user.uid,
      to,
      language: "pa",
      appointmentId: null,
    });
    await eventually(async () => (await recordedTo(to)).length === 5, "the doctor's five messages");
    const bodies = (await recordedTo(to)).map((m) => m.body);
    for (const body of bodies) expect(body).toMatch(/[\u0A00-\u0A7F]/); // Punjabi
    // Two bookings, the acceptance and the refusal name the patient; the summary only counts.
    expect(bodies.filter((body) => body.includes("Simran G."))).toHaveLength(4);
    expect(bodies.filter((body) => /1 ਮੁਲਾਕਾਤਾਂ ਰੱਦ, 0 /.test(body))).toHaveLength(1);
    expect(bodies.join(" ")).not.toMatch(/Kaur|Gill|1990|Ludhiana/);
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
      org,
      doctorUid: uid,
      patientUid: someone.user.uid,
      startMs: at(9),
      endMs: at(9, 30),
    });
    await appointmentFixture({
      org,
      doctorUid: uid,
      patientUid: someone.user.uid,
      startMs: at(14),
      endMs: at(14, 30),
      mode: "in_person",
    });
    await appointmentFixture({
      org,
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
    const doctor = track(await approvedDoctor(org));
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
  const now = () => Date.now();

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
        org,
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
    const doctor = track(await approvedDoctor(org));
    const someone = track(await signUp());
    const stale = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: someone.user.uid,
      startMs: now() - 150 * MINUTE,
      endMs: now() - 120 * MINUTE,
    });
    const current = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: someone.user.uid,
      startMs: now() - 10 * MINUTE,
      endMs: now() + 20 * MINUTE,
    });
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
    const doctor = track(await approvedDoctor(org));
    const waiting = await patient(patientPhone);
    const late = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: waiting.user.uid,
      startMs: now() - 6 * MINUTE,
      endMs: now() + 24 * MINUTE,
    });
    const onTime = await appointmentFixture({
      org,
      doctorUid: doctor.user.uid,
      patientUid: waiting.user.uid,
      startMs: now() - 7 * MINUTE,
      endMs: now() + 23 * MINUTE,
    });
    await waiting.call("joinConsultation", { appointmentId: late.id });
    await waiting.call("joinConsultation", { appointmentId: onTime.id });
    await doctor.call("joinConsultation", { appointmentId: onTime.id });
    await Promise.all([0, 1].map(() => run("consultations")));

    const alertId = `consultation.doctorLate_${late.id}`;
    const alert = (await admin().db.doc(`alerts/${alertId}`).get()).data();
    expect(alert).toMatchObject({
      kind: "consultation.doctorLate",
      org,
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
    const clinicAdmin = track(await orgAdmin(org));
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
