import { readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import {
  approvedDoctor,
  eventually,
  freeSlots,
  makeOrg,
  platformAdmin,
  provePhoneByAuth,
  recordedTo,
} from "./fixtures";

// Outbound messages go through the real twilio library to tools/twilio-emulator.mjs, which
// records them; nothing reaches the network.
const WEBHOOK_BASE = "http://127.0.0.1:5000";
const secrets = Object.fromEntries(
  readFileSync(path.join(import.meta.dirname, "../../functions/.secret.local"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);

const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();
/** The outbox message `id` once it is in `state` (the sender runs asynchronously). */
const outboxIn = (id: string, state: string, what: string) =>
  eventually(async () => (await outbox(id))?.state === state && outbox(id), what);
/** Runs a scheduled task (the outbox sweep, the reminders) as if at `at`. */
const runAt = (task: "outbox" | "reminders", at: Date | number) =>
  platform.call("runScheduledWork", { task, now: new Date(at).toISOString() });

let sequence = Math.floor(Math.random() * 80_000) + 10_000;
/** A fresh Indian mobile number; a suffix drives the Twilio emulator (0503: 503 once, 0000: invalid). */
const phone = (suffix = "1234") => `+919${String(sequence++)}${suffix}`;

async function patientWith(p: {
  phone: string;
  language: "en" | "hi" | "pa";
  notifyBy?: "sms" | "whatsapp";
}): Promise<Client> {
  const client = await signUp();
  await admin()
    .db.doc(`patients/${client.user.uid}`)
    .set({
      name: "Test Patient",
      dateOfBirth: "1990-01-01",
      sex: "female",
      phone: p.phone,
      language: p.language,
      ...(p.notifyBy ? { notifyBy: p.notifyBy } : {}),
      address: { line1: "1 Main Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      updatedAt: new Date(),
    });
  // Messages go only to a proven number: this one is proven as phone sign-in proves it.
  await provePhoneByAuth(client, p.phone);
  return client;
}

const clients: Client[] = [];
const track = <T extends Client>(c: T) => (clients.push(c), c);
let org: string;
let doctor: Client;
let platform: Client;
beforeAll(async () => {
  org = await makeOrg();
  doctor = track(await approvedDoctor(org));
  platform = track(await platformAdmin());
});
afterAll(async () => Promise.all(clients.map((c) => c.close())));

/** A free slot at 12:00 IST at least two days ahead: its 24-hour reminder falls outside quiet hours. */
async function noonSlot(patient: Client, skip = 0) {
  const slots = await freeSlots(patient, doctor.user.uid, 30);
  const noon = slots.filter(
    (s) => s.localTime === "12:00" && Date.parse(s.start) > Date.now() + 2 * 86_400_000,
  );
  return noon[skip];
}
const book = (patient: Client, start: string) =>
  patient.call<{ appointmentId: string }>("book", { doctorUid: doctor.user.uid, start, mode: "video" });

describe("confirmations", () => {
  it("a booking sends a confirmation in the patient's language, once", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "pa" }));
    const slot = await noonSlot(patient);
    const { appointmentId } = await book(patient, slot.start);
    const sent = await outboxIn(`appt_${appointmentId}_booked`, "sent", "the confirmation to be sent");
    expect(sent).toMatchObject({
      kind: "appointment.booked",
      channel: "sms",
      language: "pa",
      attempts: 1,
      providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/),
    });
    const recorded = await recordedTo(to);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].body).toMatch(/[\u0A00-\u0A7F]/); // Gurmukhi
    expect(recorded[0].body).toContain("12:00");
    expect(recorded[0].body).not.toContain("Test Patient");
  });

  it("a patient without a profile books without a message; nothing is sent", async () => {
    const patient = track(await signUp());
    const slot = await noonSlot(patient);
    const { appointmentId } = await book(patient, slot.start);
    expect(await outbox(`appt_${appointmentId}_booked`)).toBeUndefined();
  });
});

describe("delivery attempts", () => {
  it("a Twilio 503 is retried with backoff, then sent", async () => {
    const to = phone("0503");
    const patient = track(await patientWith({ phone: to, language: "en" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const id = `appt_${appointmentId}_booked`;
    const first = await outboxIn(id, "retry", "the first attempt to fail");
    expect(first).toMatchObject({ attempts: 1, error: { code: "http-503" } });
    const retryAt = first!.nextAttemptAt.toDate();
    // Not yet due: a sweep a second before the retry time leaves it alone.
    await runAt("outbox", retryAt.getTime() - 1000);
    expect((await outbox(id))!.state).toBe("retry");
    await runAt("outbox", retryAt);
    expect(await outbox(id)).toMatchObject({ state: "sent", attempts: 2, error: null });
    expect(await recordedTo(to)).toHaveLength(1);
  });

  it("a permanent error fails the message with the reason, and it is not retried", async () => {
    const to = phone("0000");
    const patient = track(await patientWith({ phone: to, language: "hi" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const id = `appt_${appointmentId}_booked`;
    const failed = await outboxIn(id, "failed", "the message to fail");
    expect(failed).toMatchObject({ attempts: 1, error: { code: "twilio-21211" } });
    expect(JSON.stringify(failed!.error)).not.toContain(to);
    await runAt("outbox", Date.now() + 86_400_000);
    expect((await outbox(id))!.attempts).toBe(1);
  });

  it("a cancellation waits while the booking's confirmation to the same number is on its way, then follows it", async () => {
    const to = phone("0503");
    const patient = track(await patientWith({ phone: to, language: "en" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const booked = `appt_${appointmentId}_booked`;
    await outboxIn(booked, "retry", "the confirmation's first attempt to fail");
    // Its next attempt an hour away, as after a few failures.
    const retryAt = Date.now() + 3_600_000;
    await admin()
      .db.doc(`outbox/${booked}`)
      .update({ nextAttemptAt: new Date(retryAt) });
    await patient.call("cancel", { appointmentId });
    const cancelled = `appt_${appointmentId}_cancelled`;
    expect((await outbox(cancelled))!.state).toBe("pending");

    // A sweep that finds the cancellation unsent (written over a lease-length before) leaves it
    // waiting: the confirmation is not due yet, and the patient must not read of the cancellation first.
    const early = await runAt("outbox", Date.now() + 120_000);
    expect(early).toMatchObject({ task: "outbox", waiting: expect.any(Number) });
    expect((await outbox(cancelled))!).toMatchObject({ state: "pending", attempts: 0 });
    expect(await recordedTo(to)).toEqual([]);

    // Once the confirmation is sent, the cancellation follows it, in that order.
    await runAt("outbox", retryAt + 60_000);
    const [first, second] = [(await outbox(booked))!, (await outbox(cancelled))!];
    expect(first).toMatchObject({ state: "sent", attempts: 2 });
    expect(second).toMatchObject({ state: "sent", attempts: 1 });
    expect((await recordedTo(to)).map((m) => m.sid)).toEqual([first.providerId, second.providerId]);
  });
});

describe("reminders", () => {
  it("a due reminder is sent once, even with two scheduler runs at the same time", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "hi" }));
    const slot = await noonSlot(patient);
    const { appointmentId } = await book(patient, slot.start);
    const due = new Date(Date.parse(slot.start) - 24 * 3_600_000);
    // Other tests' reminders may be due at the same moment: count this appointment's only.
    await Promise.all([0, 1].map(() => runAt("reminders", due)));
    const id = `reminder_${appointmentId}_1440m`;
    const queued = await admin()
      .db.collection("outbox")
      .where("appointmentId", "==", appointmentId)
      .where("kind", "==", "appointment.reminder")
      .get();
    expect(queued.size).toBe(1);
    await eventually(async () => (await outbox(id))?.state === "sent", "the reminder to be sent");
    const reminders = (await recordedTo(to)).filter((m) => m.body.includes("याद"));
    expect(reminders).toHaveLength(1);
    // The appointment carries its reminders: the 24-hour one went, the one-hour one is next.
    const after = (await admin().db.doc(`appointments/${appointmentId}`).get()).data()!;
    expect(after.nextReminderAt.toDate().toISOString()).toBe(
      new Date(Date.parse(slot.start) - 3_600_000).toISOString(),
    );
    expect(after.reminderOffset).toBe(60);
    expect(await outbox(`reminder_${appointmentId}_60m`)).toBeUndefined();
  });

  it("a cancelled appointment gets no reminder; a rescheduled one gets it for the new time", async () => {
    const patient = track(await patientWith({ phone: phone(), language: "en" }));
    const slot = await noonSlot(patient);
    const { appointmentId } = await book(patient, slot.start);
    await patient.call("cancel", { appointmentId });
    expect((await admin().db.doc(`appointments/${appointmentId}`).get()).get("nextReminderAt")).toBeNull();
    await runAt("reminders", Date.parse(slot.start) - 3_600_000);
    expect(await outbox(`reminder_${appointmentId}_1440m`)).toBeUndefined();
    expect(await outbox(`reminder_${appointmentId}_60m`)).toBeUndefined();

    const other = track(await patientWith({ phone: phone(), language: "en" }));
    const first = await noonSlot(other);
    const later = await noonSlot(other, 1);
    const booked = await book(other, first.start);
    await other.call("reschedule", { appointmentId: booked.appointmentId, start: later.start });
    const moved = await admin()
      .db.collection("outbox")
      .where("appointmentId", "==", booked.appointmentId)
      .where("kind", "==", "appointment.rescheduled")
      .get();
    expect(moved.size).toBe(1);
    const reminder = (await admin().db.doc(`appointments/${booked.appointmentId}`).get()).data()!;
    expect(reminder.start.toDate().toISOString()).toBe(later.start);
    expect(reminder.nextReminderAt.toDate().toISOString()).toBe(
      new Date(Date.parse(later.start) - 86_400_000).toISOString(),
    );
    expect(reminder.reminderOffset).toBeUndefined();
    // At the first time's reminder, nothing goes; at the new time's, its reminder does.
    await runAt("reminders", Date.parse(first.start) - 86_400_000);
    expect(await outbox(`reminder_${booked.appointmentId}_1440m_h2`)).toBeUndefined();
    await runAt("reminders", Date.parse(later.start) - 86_400_000);
    const body = (await outbox(`reminder_${booked.appointmentId}_1440m_h2`))?.body as string;
    expect(body).toContain("12:00");
    expect(body).toContain("Dr Fixture");
    expect(await outbox(`reminder_${booked.appointmentId}_1440m`)).toBeUndefined();
  });

  it("quiet hours hold back a reminder that falls due at night", async () => {
    const patient = track(await patientWith({ phone: phone(), language: "en" }));
    const slots = await freeSlots(patient, doctor.user.uid, 30);
    // 23:00 IST, two days ahead: its 24-hour reminder falls due at 23:00, inside quiet hours.
    const late = slots.find(
      (s) => s.localTime === "23:00" && Date.parse(s.start) > Date.now() + 2 * 86_400_000,
    )!;
    const { appointmentId } = await book(patient, late.start);
    const due = new Date(Date.parse(late.start) - 86_400_000);
    await runAt("reminders", due);
    const reminder = (await admin().db.doc(`appointments/${appointmentId}`).get()).data()!;
    expect(
      DateTime.fromJSDate(reminder.nextReminderAt.toDate(), { zone: "Asia/Kolkata" }).toFormat("HH:mm"),
    ).toBe("08:00");
    expect(reminder.reminderOffset).toBe(1440);
    expect(await outbox(`reminder_${appointmentId}_1440m`)).toBeUndefined();
  });

  it("only a platform admin runs scheduled work by hand", async () => {
    const patient = track(await signUp());
    expect((await callError(patient.call("runScheduledWork", { task: "reminders" }))).code).toBe(
      "functions/permission-denied",
    );
  });
});

describe("runs that never stop (issue 13)", () => {
  const reminderRun = (now: number) =>
    platform.call<{ due: number; queued: number; failed: number; parked: number }>("runScheduledWork", {
      task: "reminders",
      now: new Date(now).toISOString(),
    });
  const outboxOf = async (appointmentId: string, kind: string) =>
    (
      await admin()
        .db.collection("outbox")
        .where("appointmentId", "==", appointmentId)
        .where("kind", "==", kind)
        .get()
    ).docs.map((d) => d.id);

  it("a reschedule after its reminder was queued: the run completes and every due reminder is queued", async () => {
    const first = track(await patientWith({ phone: phone(), language: "en" }));
    const second = track(await patientWith({ phone: phone(), language: "en" }));
    const [a, b, c] = [await noonSlot(first), await noonSlot(first, 1), await noonSlot(first, 2)];
    const moved = await book(first, a.start);
    await reminderRun(Date.parse(a.start) - 86_400_000);
    expect(await outboxOf(moved.appointmentId, "appointment.reminder")).toHaveLength(1);
    await first.call("reschedule", { appointmentId: moved.appointmentId, start: b.start });
    const later = await book(second, c.start);
    // The moved appointment's new 24-hour reminder falls due first, then the other patient's.
    await reminderRun(Date.parse(c.start) - 86_400_000);
    expect(
      (await admin().db.doc(`appointments/${moved.appointmentId}`).get()).get("nextReminderAt"),
    ).toBeNull();
    expect(await outboxOf(moved.appointmentId, "appointment.reminder")).toHaveLength(3); // 24 h for A, 24 h and 1 h for B
    expect((await admin().db.doc(`appointments/${later.appointmentId}`).get()).get("reminderOffset")).toBe(
      60,
    );
    expect(await outbox(`reminder_${later.appointmentId}_1440m`)).toBeDefined();
  });

  it("an appointment moved A → B → A → B: every move succeeds and sends its own message", async () => {
    const patient = track(await patientWith({ phone: phone(), language: "en" }));
    const [a, b] = [await noonSlot(patient), await noonSlot(patient, 1)];
    const { appointmentId } = await book(patient, a.start);
    for (const to of [b, a, b])
      await expect(patient.call("reschedule", { appointmentId, start: to.start })).resolves.toMatchObject({
        start: to.start,
      });
    expect(await outboxOf(appointmentId, "appointment.rescheduled")).toHaveLength(3);
  });

  it("a reminder whose appointment is malformed is parked after 3 attempts; the others are queued", async () => {
    const { Timestamp } = await import("firebase-admin/firestore");
    const patient = track(await patientWith({ phone: phone(), language: "en" }));
    const slot = await noonSlot(patient);
    const good = await book(patient, slot.start);
    const due = Date.parse(slot.start) - 86_400_000;
    const poison = admin().db.collection("appointments").doc();
    // Booked, with a reminder due, but unreadable (its start is not a time).
    await poison.set({
      patientUid: patient.user.uid,
      status: "booked",
      start: "not a time",
      nextReminderAt: Timestamp.fromMillis(due - 60_000),
    });
    const run = await reminderRun(due);
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(await outbox(`reminder_${good.appointmentId}_1440m`)).toBeDefined();
    expect((await admin().db.doc(`appointments/${good.appointmentId}`).get()).get("reminderOffset")).toBe(60);
    const first = (await poison.get()).data()!;
    expect(first).toMatchObject({ reminderAttempts: 1, reminderError: "malformed-document" });
    expect(first.nextReminderAt.toMillis()).toBeGreaterThan(due);
    await reminderRun(due + 3_600_000);
    const last = await reminderRun(due + 7_200_000);
    expect(last.parked).toBeGreaterThanOrEqual(1);
    expect((await poison.get()).data()).toMatchObject({
      reminderAttempts: 3,
      reminderError: "malformed-document",
      nextReminderAt: null,
    });
    expect(await outboxOf(poison.id, "appointment.reminder")).toHaveLength(0);
  });

  it("a message whose sending throws is retried, then failed; the sweep sends the others", async () => {
    const { Timestamp } = await import("firebase-admin/firestore");
    const at = Date.now() + 3_600_000;
    const message = (to: string, dueMs: number) => ({
      kind: "appointment.reminder",
      channel: "sms",
      to,
      recipientUid: "someone",
      language: "en",
      body: "Reminder",
      required: false,
      appointmentId: null,
      fallbackOf: null,
      state: "retry",
      attempts: 1,
      leaseUntil: null,
      leaseOwner: null,
      nextAttemptAt: Timestamp.fromMillis(dueMs),
      providerId: null,
      providerStatus: null,
      error: { code: "http-503", message: "unavailable" },
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
      expireAt: Timestamp.fromMillis(at + 86_400_000),
    });
    const poison = admin().db.collection("outbox").doc();
    const good = admin().db.collection("outbox").doc();
    const to = phone();
    // Not a phone number a document id can hold: reading its opt-out throws.
    await poison.set(message("+91/98", at));
    await good.set(message(to, at + 1000));
    await runAt("outbox", at + 60_000);
    expect((await good.get()).data()).toMatchObject({ state: "sent", attempts: 2 });
    expect((await poison.get()).data()).toMatchObject({
      state: "retry",
      attempts: 2,
      error: { code: "send-error" },
    });
    for (let hour = 2; hour <= 5; hour += 1) await runAt("outbox", at + hour * 3_600_000);
    expect((await poison.get()).data()).toMatchObject({
      state: "failed",
      attempts: 5,
      error: { code: "send-error" },
    });
    expect(await recordedTo(to)).toHaveLength(1);
  });
});

function signedPost(pathname: string, params: Record<string, string>, token = secrets.TWILIO_AUTH_TOKEN) {
  const signature = twilio.getExpectedTwilioSignature(token, `${WEBHOOK_BASE}${pathname}`, params);
  return fetch(`${WEBHOOK_BASE}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

describe("webhooks", () => {
  it("a status callback with a bad signature is refused and changes nothing", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "en" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const id = `appt_${appointmentId}_booked`;
    const sent = await outboxIn(id, "sent", "the confirmation");
    const forged = await signedPost(
      "/api/twilio/status",
      { MessageSid: sent!.providerId, MessageStatus: "delivered" },
      "not-the-token",
    );
    expect(forged.status).toBe(403);
    expect((await outbox(id))!.providerStatus).toBe("queued");
    const good = await signedPost("/api/twilio/status", {
      MessageSid: sent!.providerId,
      MessageStatus: "delivered",
    });
    expect(good.status).toBe(204);
    expect((await outbox(id))!.providerStatus).toBe("delivered");
    // A late "sent" callback does not move it back.
    await signedPost("/api/twilio/status", { MessageSid: sent!.providerId, MessageStatus: "sent" });
    expect((await outbox(id))!.providerStatus).toBe("delivered");
  });

  it("a correctly signed callback with an oversized field is refused with a 4xx and changes nothing", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "en" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const id = `appt_${appointmentId}_booked`;
    const sent = await outboxIn(id, "sent", "the confirmation");
    const huge = (c: string) => c.repeat(20_000);
    const callbacks: Array<[string, Record<string, string>]> = [
      ["/api/twilio/status", { MessageSid: `SM${huge("a")}`, MessageStatus: "delivered" }],
      ["/api/twilio/status", { MessageSid: sent!.providerId, MessageStatus: huge("d") }],
      [
        "/api/twilio/status",
        { MessageSid: sent!.providerId, MessageStatus: "undelivered", ErrorCode: huge("9") },
      ],
      ["/api/twilio/inbound", { From: `+91${huge("9")}`, Body: "STOP" }],
      ["/api/twilio/inbound", { From: to, Body: `STOP ${huge("x")}` }],
    ];
    for (const [path, params] of callbacks) {
      const res = await signedPost(path, params);
      expect(res.status, `${path} ${Object.keys(params).join(",")}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${Object.keys(params).join(",")}`).toBeLessThan(500);
    }
    const after = (await outbox(id))!;
    expect(after.providerStatus).toBe("queued");
    expect(after.deliveryError).toBeUndefined();
    expect((await admin().db.doc(`optOuts/${to}`).get()).exists).toBe(false);
  });

  it("an undelivered WhatsApp message falls back to SMS, once", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "pa", notifyBy: "whatsapp" }));
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const id = `appt_${appointmentId}_booked`;
    const sent = await outboxIn(id, "sent", "the WhatsApp message");
    expect(sent).toMatchObject({ channel: "whatsapp" });
    await signedPost("/api/twilio/status", {
      MessageSid: sent!.providerId,
      MessageStatus: "undelivered",
      ErrorCode: "63016",
    });
    await signedPost("/api/twilio/status", { MessageSid: sent!.providerId, MessageStatus: "failed" });
    const fallback = await outboxIn(`${id}_sms`, "sent", "the SMS fallback");
    expect(fallback).toMatchObject({ channel: "sms", fallbackOf: id });
    const recorded = await recordedTo(to);
    expect(recorded.map((m) => m.channel).sort()).toEqual(["sms", "whatsapp"]);
  });

  it("STOP opts a number out of reminders, START back in; a clinic cancellation still reaches it", async () => {
    const to = phone();
    const patient = track(await patientWith({ phone: to, language: "en" }));
    const stop = await signedPost("/api/twilio/inbound", { From: to, Body: " stop " });
    expect(stop.status).toBe(200);
    expect((await admin().db.doc(`optOuts/${to}`).get()).exists).toBe(true);
    const { appointmentId } = await book(patient, (await noonSlot(patient)).start);
    const confirmation = await outboxIn(
      `appt_${appointmentId}_booked`,
      "failed",
      "the opted-out confirmation",
    );
    expect(confirmation!.error.code).toBe("opted-out");
    await doctor.call("cancel", { appointmentId, reason: "Doctor on emergency duty" });
    await eventually(
      async () => (await outbox(`appt_${appointmentId}_cancelled`))?.state === "sent",
      "the required cancellation",
    );
    expect((await recordedTo(to)).map((m) => m.body.includes("clinic"))).toEqual([true]);
    const forged = await signedPost("/api/twilio/inbound", { From: to, Body: "START" }, "wrong");
    expect(forged.status).toBe(403);
    expect((await admin().db.doc(`optOuts/${to}`).get()).exists).toBe(true);
    await signedPost("/api/twilio/inbound", { From: to, Body: "START" });
    expect((await admin().db.doc(`optOuts/${to}`).get()).exists).toBe(false);
  });
});
