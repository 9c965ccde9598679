import { randomBytes } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp } from "../../tools/emulator-client";
import { appointmentFixture, auditFor, eventually, makeOrg, provePhoneByAuth, recordedTo } from "./fixtures";
import {
  appointmentsOf,
  bookedInApp,
  exists,
  expectSameAsApp,
  freshPhone,
  phoneKey,
  phoneOnlyPatient,
  sms,
  specialist,
} from "./inboundFixtures";

// SMS replies (issue 15, item 3): the Twilio recorder plays each message to the signed
// /api/twilio/inbound webhook, as Twilio would, and records the TwiML reply.
const GURMUKHI = /[\u0A00-\u0A7F]/;
const DEVANAGARI = /[\u0900-\u097F]/;
const clients: Array<{ close(): Promise<void> }> = [];
let org: string;
const paediatricians: string[] = [];
const outbound = async (phone: string) =>
  (await recordedTo(phone)).filter((m) => (m as { direction?: string }).direction !== "reply");
const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();

beforeAll(async () => {
  org = await makeOrg();
  for (let i = 0; i < 2; i += 1) {
    const doctor = await specialist(org, "Paediatrics", ["pa", "hi"]);
    clients.push(doctor);
    paediatricians.push(doctor.user.uid);
  }
});
afterAll(async () => Promise.all(clients.map((c) => c.close())));

describe("sms: a patient with only a phone", () => {
  it("books the next available doctor, confirms and cancels by SMS; the same appointment, audit and messages as the app", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const offered = await sms(phone, "ਡਾਕਟਰ ਬੱਚੇ ਪੰਜਾਬੀ");
    expect(offered.status).toBe(200);
    expect(offered.replies).toHaveLength(1);
    expect(offered.replies[0]).toMatch(GURMUKHI);
    expect(offered.replies[0]).toMatch(/^1\. /m);
    expect(offered.replies[0]).toMatch(/^3\. /m);
    const conversation = (
      await admin()
        .db.doc(`conversations/${phoneKey(phone)}`)
        .get()
    ).data()!;
    expect(conversation).toMatchObject({ step: "offered", language: "pa" });
    expect(conversation.offers).toHaveLength(3);
    expect(conversation.expireAt.toMillis()).toBeGreaterThan(conversation.expiresAt.toMillis());
    const chosen = conversation.offers[0];

    const booked = await sms(phone, "੧");
    expect(booked.replies[0]).toContain("ਬੁੱਕ ਹੋ ਗਿਆ");
    const [appointment] = await appointmentsOf(uid);
    expect(appointment).toMatchObject({
      patientUid: uid,
      doctorUid: chosen.doctorUid,
      status: "booked",
      org,
      mode: chosen.mode,
      history: [expect.objectContaining({ event: "booked", by: uid, role: "patient" })],
    });
    expect(paediatricians).toContain(appointment.doctorUid);
    expect(appointment.start.toMillis()).toBe(chosen.startMs);
    // Written by the appointment-created trigger (services/booking/bookAppointment.ts).
    const [audit] = await eventually(
      async () =>
        (await auditFor(appointment.id, "appointment.booked")).length > 0 &&
        auditFor(appointment.id, "appointment.booked"),
      "the booking's audit entry",
    );
    expect(audit).toMatchObject({ actorUid: uid, actorRole: "patient", org, userAgent: "twilio-sms" });
    // The confirmation a booking from the app sends, to the phone that booked (its Auth number).
    await eventually(
      async () => (await outbox(`appt_${appointment.id}_booked`))?.state === "sent",
      "the confirmation",
    );
    expect((await outbound(phone)).map((m) => m.body)).toHaveLength(1);
    // The confirmation names the replies this handler understands (in the language of the
    // patient's profile: a phone-only patient has none, so English).
    expect((await outbound(phone))[0].body).toContain("Reply 1 confirm, 2 cancel, 3 another time.");
    // The same appointment, audit entry and messages as the same booking from the app.
    const app = await bookedInApp(appointment.doctorUid, chosen.mode);
    clients.push(app.client);
    await expectSameAsApp(appointment.id, app.appointmentId, {
      actorUid: uid,
      actorRole: "patient",
      userAgent: "twilio-sms",
    });
    expect(
      (
        await admin()
          .db.doc(`conversations/${phoneKey(phone)}`)
          .get()
      ).data(),
    ).toMatchObject({ step: "idle" });

    const confirmed = await sms(phone, "1");
    expect(confirmed.replies[0]).toContain("ਪੁਸ਼ਟੀ");
    const afterConfirm = (await admin().db.doc(`appointments/${appointment.id}`).get()).data()!;
    expect(afterConfirm.attendanceConfirmedAt).toBeDefined();
    expect(await auditFor(appointment.id, "appointment.attendanceConfirmed")).toHaveLength(1);

    const cancelled = await sms(phone, "2");
    expect(cancelled.replies[0]).toContain("ਰੱਦ");
    expect((await admin().db.doc(`appointments/${appointment.id}`).get()).data()).toMatchObject({
      status: "cancelled",
    });
    const [cancelAudit] = await auditFor(appointment.id, "appointment.cancelled");
    expect(cancelAudit).toMatchObject({ actorUid: uid, userAgent: "twilio-sms" });
    await eventually(
      async () => (await outbox(`appt_${appointment.id}_cancelled`))?.state === "sent",
      "the cancellation",
    );

    // With nothing booked any more, the next "1" says so and changes nothing.
    const none = await sms(phone, "1");
    expect(none.replies[0]).toContain("ਕੋਈ ਆਉਣ ਵਾਲੀ ਮੁਲਾਕਾਤ ਨਹੀਂ");
  });

  it("3 offers other times of the same doctor and a number moves the appointment", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    await sms(phone, "book child punjabi");
    const booked = await sms(phone, "2");
    expect(booked.replies[0]).toContain("Booked");
    const [before] = await appointmentsOf(uid);
    const moving = await sms(phone, "3");
    expect(moving.replies[0]).toContain("Reply with a number");
    const conversation = (
      await admin()
        .db.doc(`conversations/${phoneKey(phone)}`)
        .get()
    ).data()!;
    expect(conversation).toMatchObject({ step: "offered", moving: before.id });
    const target = conversation.offers[0];
    const moved = await sms(phone, "1");
    expect(moved.replies[0]).toContain("Moved to");
    const after = (await admin().db.doc(`appointments/${before.id}`).get()).data()!;
    expect(after.start.toMillis()).toBe(target.startMs);
    expect(after.doctorUid).toBe(before.doctorUid);
    expect(await auditFor(before.id, "appointment.rescheduled")).toHaveLength(1);
  });

  it("1 answers the latest confirmation sent to the number, not the soonest appointment", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    // A sooner appointment the patient was never texted about.
    const soonMs = Date.now() + 3 * 3_600_000;
    const soon = await appointmentFixture({
      org,
      doctorUid: paediatricians[0],
      patientUid: uid,
      startMs: soonMs,
      endMs: soonMs + 1_800_000,
    });
    await sms(phone, "book child punjabi");
    await sms(phone, "1");
    const booked = (await appointmentsOf(uid)).find((a) => a.id !== soon.id)!;
    await eventually(async () => exists(`outbox/appt_${booked.id}_booked`), "the confirmation");
    const confirmed = await sms(phone, "1");
    expect(confirmed.replies[0]).toContain("confirmed");
    expect(
      (await admin().db.doc(`appointments/${booked.id}`).get()).data()!.attendanceConfirmedAt,
    ).toBeDefined();
    expect(
      (await admin().db.doc(`appointments/${soon.id}`).get()).data()!.attendanceConfirmedAt,
    ).toBeUndefined();
    expect(await auditFor(soon.id, "appointment.attendanceConfirmed")).toHaveLength(0);
  });

  it("a parent's replies to their child's confirmation confirm, move and cancel it on the child's behalf", async () => {
    const parent = await signUp();
    clients.push(parent);
    const phone = freshPhone();
    await provePhoneByAuth(parent, phone);
    const { dependantUid: child } = await parent.call<{ dependantUid: string }>("addDependant", {
      name: "Harleen",
      dateOfBirth: "2019-06-01",
      sex: "female",
      language: "pa",
    });
    const [offer] = (
      await parent.call<{ offers: Array<{ doctorUid: string; start: string; mode: string }> }>(
        "nextAvailable",
        { specialty: "Paediatrics", language: "pa", mode: "in_person" },
      )
    ).offers;
    const { appointmentId } = await parent.call<{ appointmentId: string }>("book", {
      doctorUid: offer.doctorUid,
      start: offer.start,
      mode: "in_person",
      onBehalfOf: child,
    });
    await eventually(
      async () => (await outbox(`appt_${appointmentId}_booked`))?.to === phone,
      "the confirmation",
    );

    const confirmed = await sms(phone, "1");
    expect(confirmed.replies[0]).toContain("confirmed");
    expect(
      (await admin().db.doc(`appointments/${appointmentId}`).get()).data()!.attendanceConfirmedAt,
    ).toBeDefined();
    const [confirmAudit] = await auditFor(appointmentId, "appointment.attendanceConfirmed");
    expect(confirmAudit).toMatchObject({
      actorUid: parent.user.uid,
      onBehalfOf: child,
      userAgent: "twilio-sms",
    });

    const offered = await sms(phone, "3");
    expect(offered.replies[0]).toMatch(/^1\. /m);
    const conversation = (
      await admin()
        .db.doc(`conversations/${phoneKey(phone)}`)
        .get()
    ).data()!;
    expect(conversation).toMatchObject({ step: "offered", moving: appointmentId });
    expect(conversation.offers.length).toBeGreaterThan(0);
    expect(conversation.offers.length).toBeLessThanOrEqual(3);
    await sms(phone, "1");
    const moved = (await admin().db.doc(`appointments/${appointmentId}`).get()).data()!;
    expect(moved.start.toMillis()).toBe(conversation.offers[0].startMs);
    expect(moved.patientUid).toBe(child);
    const [moveAudit] = await auditFor(appointmentId, "appointment.rescheduled");
    expect(moveAudit).toMatchObject({ actorUid: parent.user.uid, onBehalfOf: child });

    await sms(phone, "2");
    expect((await admin().db.doc(`appointments/${appointmentId}`).get()).data()).toMatchObject({
      status: "cancelled",
    });
    const [cancelAudit] = await auditFor(appointmentId, "appointment.cancelled");
    expect(cancelAudit).toMatchObject({ actorUid: parent.user.uid, onBehalfOf: child });
    // Nothing was ever booked in the parent's own name.
    expect(await appointmentsOf(parent.user.uid)).toHaveLength(0);
  });

  it("lists the patient's appointments, in Hindi for a Hindi message", async () => {
    const { phone } = await phoneOnlyPatient();
    await sms(phone, "bachche ka doctor hindi");
    await sms(phone, "1");
    const listed = await sms(phone, "मेरी मुलाकात दिखाओ");
    expect(listed.replies[0]).toMatch(DEVANAGARI);
    expect(listed.replies[0]).toMatch(/^1\. डॉ\./m);
  });
});

describe("sms: refusals and edge cases", () => {
  it("a number no account belongs to gets help text, in the message's language, and nothing about anyone", async () => {
    const phone = freshPhone();
    const answer = await sms(phone, "ਮੇਰੀਆਂ ਮੁਲਾਕਾਤਾਂ ਵੇਖੋ");
    expect(answer.replies).toHaveLength(1);
    expect(answer.replies[0]).toMatch(GURMUKHI);
    expect(answer.replies[0]).toContain("ਕੋਈ ਖਾਤਾ ਨਹੀਂ ਮਿਲਿਆ");
    expect(answer.replies[0]).not.toMatch(/\d{1,2}:\d{2}/);
    expect(await exists(`conversations/${phoneKey(phone)}`)).toBe(false);
  });

  it("a number two accounts proved (a shared handset) gets help text, never one of them's data", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    await sms(phone, "book child hindi");
    await sms(phone, "1");
    const other = await signUp();
    clients.push(other);
    await admin().db.doc(`contacts/${other.user.uid}`).set({
      phone,
      verifiedAt: Timestamp.now(),
      verifiedBy: "code",
      updatedAt: Timestamp.now(),
    });
    const answer = await sms(phone, "appointments");
    expect(answer.replies[0]).toContain("could not find an account");
    expect(await appointmentsOf(uid)).toHaveLength(1);
  });

  it("unknown words get help in the language of the message", async () => {
    const { phone } = await phoneOnlyPatient();
    expect((await sms(phone, "ਸਤ ਸ੍ਰੀ ਅਕਾਲ")).replies[0]).toContain("ਮੁਲਾਕਾਤ ਲਿਖੋ");
    expect((await sms(phone, "नमस्ते")).replies[0]).toContain("मुलाकात लिखें");
    expect((await sms(phone, "hello")).replies[0]).toContain("Reply APPOINTMENTS");
  });

  it("a duplicate MessageSid is processed once", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    await sms(phone, "book child hindi");
    const messageSid = `SM${randomBytes(16).toString("hex")}`;
    const first = await sms(phone, "1", { messageSid });
    expect(first.replies[0]).toContain("Booked");
    const again = await sms(phone, "1", { messageSid });
    expect(again).toMatchObject({ status: 200, replies: [] });
    const appointments = await appointmentsOf(uid);
    expect(appointments).toHaveLength(1);
    expect(appointments[0].attendanceConfirmedAt).toBeUndefined();
  });

  it("a forged signature gets 403 and nothing is written", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const messageSid = `SM${randomBytes(16).toString("hex")}`;
    const forged = await sms(phone, "book child", { messageSid, forge: true });
    expect(forged).toMatchObject({ status: 403, replies: [] });
    expect(await exists(`conversations/${phoneKey(phone)}`)).toBe(false);
    expect(await exists(`inboundMessages/${messageSid}`)).toBe(false);
    const counters = await admin().db.collection("rateLimits").where("scope", "==", "inbound").get();
    expect(counters.docs.filter((d) => d.id.includes(phoneKey(phone)))).toHaveLength(0);
    expect(await exists(`contacts/${uid}`)).toBe(false);
  });

  it("a number answered to expired offers restarts the conversation and books nothing", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    await sms(phone, "ਡਾਕਟਰ ਬੱਚੇ");
    await admin()
      .db.doc(`conversations/${phoneKey(phone)}`)
      .update({ expiresAt: Timestamp.fromMillis(Date.now() - 60_000) });
    const restarted = await sms(phone, "1");
    expect(restarted.replies[0]).toContain("ਪੇਸ਼ਕਸ਼ ਖ਼ਤਮ ਹੋ ਗਈ");
    expect(await appointmentsOf(uid)).toHaveLength(0);
    expect(
      (
        await admin()
          .db.doc(`conversations/${phoneKey(phone)}`)
          .get()
      ).data(),
    ).toMatchObject({
      step: "idle",
      offers: [],
    });
    // Restarted: a new search offers again, and its number books.
    await sms(phone, "ਡਾਕਟਰ ਬੱਚੇ");
    expect((await sms(phone, "1")).replies[0]).toContain("ਬੁੱਕ ਹੋ ਗਿਆ");
    expect(await appointmentsOf(uid)).toHaveLength(1);
  });

  it("each phone is rate-limited: past 20 messages in 10 minutes no answer and nothing processed", async () => {
    const phone = freshPhone();
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(await sms(phone, "help"));
    expect(answers.every((a) => a.replies.length === 1)).toBe(true);
    const messageSid = `SM${randomBytes(16).toString("hex")}`;
    const limited = await sms(phone, "help", { messageSid });
    expect(limited).toMatchObject({ status: 200, replies: [] });
    expect(await exists(`inboundMessages/${messageSid}`)).toBe(false);
    // Another phone is not limited by it.
    expect((await sms(freshPhone(), "help")).replies).toHaveLength(1);
  });
});

describe("nextAvailable (the app's callable)", () => {
  it("offers the earliest slots of a specialty and language, one doctor each at an equal time", async () => {
    const specialty = `Dermatology ${randomBytes(3).toString("hex")}`;
    const doctors = [await specialist(org, specialty, ["pa"]), await specialist(org, specialty, ["pa"])];
    clients.push(...doctors);
    await specialist(org, specialty, ["en"]).then((d) => clients.push(d));
    const patient = await signUp();
    clients.push(patient);
    const { offers } = await patient.call<{
      offers: Array<{ doctorUid: string; start: string; mode: string }>;
    }>("nextAvailable", { specialty, language: "pa", limit: 2 });
    expect(offers).toHaveLength(2);
    expect(offers[0].start).toBe(offers[1].start);
    expect(offers.map((o) => o.doctorUid).sort()).toEqual(doctors.map((d) => d.user.uid).sort());
    const booked = await patient.call<{ appointmentId: string }>("book", {
      doctorUid: offers[0].doctorUid,
      start: offers[0].start,
      mode: offers[0].mode,
    });
    expect(booked.appointmentId).toBeTruthy();
    // The booked doctor is now busier: at the same time the other one comes first.
    const { offers: next } = await patient.call<{ offers: Array<{ doctorUid: string }> }>("nextAvailable", {
      specialty,
      language: "pa",
      limit: 1,
    });
    expect(next[0].doctorUid).not.toBe(offers[0].doctorUid);
  });

  it("finds a doctor who speaks the language behind many of the specialty who do not", async () => {
    // 40 approved doctors of the specialty who speak only Hindi, with ids that sort first; the one
    // who speaks Punjabi sorts last. Filtering the language after a capped read of the specialty
    // (30 doctors) never saw them.
    const specialty = `Nephrology ${randomBytes(3).toString("hex")}`;
    const { db } = admin();
    const batch = db.batch();
    for (let i = 0; i < 40; i += 1)
      batch.set(db.doc(`doctors/0000-${specialty.slice(-6)}-${String(i).padStart(2, "0")}`), {
        name: `Dr. Hindi ${i}`,
        org,
        status: "approved",
        specialties: [specialty],
        languages: ["hi"],
      });
    await batch.commit();
    const punjabi = await specialist(org, specialty, ["pa"]);
    clients.push(punjabi);
    const patient = await signUp();
    clients.push(patient);
    const { offers } = await patient.call<{ offers: Array<{ doctorUid: string }> }>("nextAvailable", {
      specialty,
      language: "pa",
      limit: 1,
    });
    expect(offers.map((o) => o.doctorUid)).toEqual([punjabi.user.uid]);
  });

  it("a malformed request is invalid-argument", async () => {
    const patient = await signUp();
    clients.push(patient);
    const error = await callError(
      patient.call("nextAvailable", { specialty: "Paediatrics", language: "Punjabi" }),
    );
    expect(error.code).toBe("functions/invalid-argument");
  });
});
