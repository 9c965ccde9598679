// Proven phone numbers (issue 13: messages go only to a number the recipient has proven they
// hold; issue 14: the clinician's contact) and the rate limits of every message a user can
// trigger, against the emulators. Codes are read back from the local Twilio API's recordings.
import { readFileSync } from "node:fs";
import path from "node:path";
import { doc, getDoc, serverTimestamp, setDoc, updateDoc } from "firebase/firestore";
import { beforeAll, describe, expect, it } from "vitest";
import { rateLimitsFor, type RateLimitedAction } from "../../functions/src/config/rateLimits";
import { MAX_CODE_ATTEMPTS } from "../../functions/src/config/contacts";
import { counterId, currentWindow } from "../../functions/src/domain/operations/rateLimit";
import { phoneKey } from "../../functions/src/domain/contacts/verification";
import { admin, callError, signUp, type Client } from "../../tools/emulator-client";
import {
  approvedDoctor,
  eventually,
  freeSlots,
  makeOrg,
  provePhoneByAuth,
  recordedTo,
  type SlotView,
  startedVisit,
} from "./fixtures";
import { PARACETAMOL_ID, PARACETAMOL_TDS } from "../factories";
import { trackClients } from "./clients";

const track = trackClients();

let org: string;
let doctor: Client;
beforeAll(async () => {
  org = await makeOrg();
  doctor = track(await approvedDoctor(org));
});

let sequence = Math.floor(Math.random() * 800_000) + 100_000;
/** A fresh Indian mobile number (suffix 1234: the Twilio emulator accepts it). */
const freshPhone = () => `+9197${String(sequence++).padStart(6, "0")}34`;

/** A patient who typed `phone` into their own profile, under the rules, as any client can. */
async function patientTyping(phone: string, language: "en" | "hi" | "pa" = "en"): Promise<Client> {
  const client = track(await signUp());
  await setDoc(doc(client.db, "patients", client.user.uid), {
    name: "Typed Number",
    dateOfBirth: "1991-02-03",
    sex: "female",
    phone,
    address: { line1: "1 Main Road", district: "Ludhiana", state: "Punjab", pincode: "141001" },
    language,
    updatedAt: serverTimestamp(),
  });
  return client;
}

/** Free slots a day or more ahead (the patient cut-offs do not interfere). */
async function slotsAhead(client: Client): Promise<SlotView[]> {
  const slots = await freeSlots(client, doctor.user.uid, 14);
  return slots.filter((s) => Date.parse(s.start) > Date.now() + 36 * 3_600_000);
}

const book = (client: Client, start: string) =>
  client.call<{ appointmentId: string }>("book", { doctorUid: doctor.user.uid, start, mode: "video" });

const messagesAbout = async (appointmentId: string) =>
  (await admin().db.collection("outbox").where("appointmentId", "==", appointmentId).get()).docs.map((d) =>
    d.data(),
  );
const messagesFor = async (uid: string) =>
  (await admin().db.collection("outbox").where("recipientUid", "==", uid).get()).docs.map((d) => d.data());
const contactOf = async (uid: string) => (await admin().db.doc(`contacts/${uid}`).get()).data();
const pendingOf = async (uid: string) => (await admin().db.doc(`phoneVerifications/${uid}`).get()).data();

/** The six-digit code of the newest verification SMS to `phone`, once the outbox has sent it. */
async function codeSentTo(phone: string, count = 1): Promise<string> {
  const messages = await eventually(async () => {
    const recorded = await recordedTo(phone);
    return recorded.length >= count && recorded;
  }, "the verification SMS");
  const code = /\b(\d{6})\b/.exec(messages[count - 1].body)?.[1];
  if (!code) throw new Error("no code in the verification SMS");
  return code;
}
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** The emulator's limits: functions/.env.local multiplies them by RATE_LIMIT_SCALE. */
const emulatorEnv = {
  FUNCTIONS_EMULATOR: "true",
  RATE_LIMIT_SCALE:
    /^RATE_LIMIT_SCALE=(.*)$/m.exec(
      readFileSync(path.join(import.meta.dirname, "../../functions/.env.local"), "utf8"),
    )?.[1] ?? "1",
};

/**
 * Fills a user's counter of `action` to its limit, for this window and the next (a test that
 * runs across a window's end still meets a full counter), as that many earlier requests would.
 */
async function exhaust(
  action: RateLimitedAction,
  subject: { kind: "user"; uid: string } | { kind: "number"; key: string },
) {
  const limits = rateLimitsFor(action, emulatorEnv);
  const policy = subject.kind === "user" ? limits.user : limits.number;
  if (!policy) throw new Error(`${action} has no per-number limit`);
  const { Timestamp } = await import("firebase-admin/firestore");
  const window = currentWindow(policy, Date.now());
  for (const index of [window.index, window.index + 1]) {
    const startMs = index * policy.windowSeconds * 1000;
    await admin()
      .db.doc(`rateLimits/${counterId(action, subject, index)}`)
      .set({
        scope: action,
        subject: subject.kind,
        count: policy.limit,
        windowStart: Timestamp.fromMillis(startMs),
        expireAt: Timestamp.fromMillis(startMs + 2 * policy.windowSeconds * 1000),
      });
  }
}

describe("messages go only to a proven number", () => {
  it("a typed, unproven number gets nothing; booking, rescheduling and cancelling still succeed", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    const [first, second] = await slotsAhead(patient);
    const { appointmentId } = await book(patient, first.start);
    const moved = await patient.call<{ start: string }>("reschedule", { appointmentId, start: second.start });
    expect(moved.start).toBe(second.start);
    const cancelled = await patient.call<{ status: string }>("cancel", { appointmentId });
    expect(cancelled.status).toBe("cancelled");
    expect(await messagesAbout(appointmentId)).toEqual([]);
    expect(await messagesFor(patient.user.uid)).toEqual([]);
    expect(await recordedTo(to)).toEqual([]);
  });

  it("a prescription for a patient without a proven number is issued, and texted to nobody", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to, "hi");
    const appointmentId = await startedVisit({
      org,
      doctorUid: doctor.user.uid,
      patientUid: patient.user.uid,
    });
    const rx = await doctor.call<{ prescriptionId: string }>("issuePrescription", {
      appointmentId,
      lines: [{ ...PARACETAMOL_TDS, medicineId: PARACETAMOL_ID }],
    });
    expect((await admin().db.doc(`prescriptions/${rx.prescriptionId}`).get()).exists).toBe(true);
    expect(await messagesFor(patient.user.uid)).toEqual([]);
    expect(await recordedTo(to)).toEqual([]);
  });

  it("a number proven by a code from the SMS then receives the patient's messages", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to, "hi");
    const uid = patient.user.uid;
    const sent = await patient.call<{ status: string; expiresAt: string }>("requestPhoneVerification", {
      phone: to,
    });
    expect(sent.status).toBe("sent");
    const code = await codeSentTo(to);
    const [sms] = await recordedTo(to);
    expect(sms.body).toMatch(/[\u0900-\u097F]/); // in the profile's language, Hindi
    // Only a hash of the code is kept, and not the number itself.
    const pending = await pendingOf(uid);
    expect(pending).toMatchObject({ attempts: 0, state: "pending" });
    expect(JSON.stringify(pending)).not.toContain(code);
    expect(JSON.stringify(pending)).not.toContain(to);
    expect(await contactOf(uid)).toBeUndefined();

    const confirmed = await patient.call<{ status: string; phone: string }>("confirmPhoneVerification", {
      phone: to,
      code,
    });
    expect(confirmed).toEqual({ status: "verified", phone: to });
    expect(await contactOf(uid)).toMatchObject({ phone: to, verifiedBy: "code" });
    expect(await pendingOf(uid)).toBeUndefined();
    // The owner reads their contact; they cannot write it.
    const mine = await getDoc(doc(patient.db, "contacts", uid));
    expect(mine.get("phone")).toBe(to);
    await expect(updateDoc(doc(patient.db, "contacts", uid), { phone: freshPhone() })).rejects.toThrow();

    const [slot] = await slotsAhead(patient);
    const { appointmentId } = await book(patient, slot.start);
    await eventually(
      async () => (await recordedTo(to)).length === 2,
      "the booking confirmation to reach the proven number",
    );
    expect((await messagesAbout(appointmentId)).map((m) => [m.kind, m.to])).toEqual([
      ["appointment.booked", to],
    ]);
  });

  it("the number on the Auth account (phone sign-in) counts as proven, without a code", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to, "pa");
    await admin().auth.updateUser(patient.user.uid, { phoneNumber: to });
    const answer = await patient.call<{ status: string }>("requestPhoneVerification", { phone: to });
    expect(answer).toEqual({ status: "verified", phone: to });
    expect(await contactOf(patient.user.uid)).toMatchObject({ phone: to, verifiedBy: "auth" });
    expect(await messagesFor(patient.user.uid)).toEqual([]);
  });

  it("a code proves only the number it was sent to", async () => {
    const to = freshPhone();
    const other = freshPhone();
    const patient = await patientTyping(to);
    await patient.call("requestPhoneVerification", { phone: to });
    const code = await codeSentTo(to);
    const error = await callError(patient.call("confirmPhoneVerification", { phone: other, code }));
    expect(error.code).toBe("functions/failed-precondition");
    expect(await contactOf(patient.user.uid)).toBeUndefined();
    expect((await pendingOf(patient.user.uid))?.attempts).toBe(0);
  });

  it(`${MAX_CODE_ATTEMPTS} wrong codes lock the code: the right one is then refused, nothing is recorded`, async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    await patient.call("requestPhoneVerification", { phone: to });
    const code = await codeSentTo(to);
    const codes: string[] = [];
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1)
      codes.push(
        (await callError(patient.call("confirmPhoneVerification", { phone: to, code: otherCode(code) })))
          .code,
      );
    expect(codes).toEqual([
      ...Array.from({ length: MAX_CODE_ATTEMPTS - 1 }, () => "functions/invalid-argument"),
      "functions/resource-exhausted",
    ]);
    const locked = await callError(patient.call("confirmPhoneVerification", { phone: to, code }));
    expect(locked.code).toBe("functions/resource-exhausted");
    expect(await contactOf(patient.user.uid)).toBeUndefined();
    expect(await pendingOf(patient.user.uid)).toMatchObject({ state: "locked", attempts: MAX_CODE_ATTEMPTS });

    // A new code starts again.
    await patient.call("requestPhoneVerification", { phone: to });
    const fresh = await codeSentTo(to, 2);
    await patient.call("confirmPhoneVerification", { phone: to, code: fresh });
    expect(await contactOf(patient.user.uid)).toMatchObject({ phone: to });
  });

  it("refuses a malformed number or code with invalid-argument, writing nothing", async () => {
    const patient = await patientTyping(freshPhone());
    for (const request of [
      () => patient.call("requestPhoneVerification", { phone: "98123 45678" }),
      () => patient.call("requestPhoneVerification", { phone: freshPhone(), channel: "pigeon" }),
      () => patient.call("confirmPhoneVerification", { phone: freshPhone(), code: "12345" }),
    ])
      expect((await callError(request())).code).toBe("functions/invalid-argument");
    expect(await pendingOf(patient.user.uid)).toBeUndefined();
    expect(await messagesFor(patient.user.uid)).toEqual([]);
  });
});

describe("the contact goes with the account", () => {
  it("deleting the account erases the proven number and the code still waiting", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    const uid = patient.user.uid;
    await patient.call("requestPhoneVerification", { phone: to });
    await patient.call("confirmPhoneVerification", { phone: to, code: await codeSentTo(to) });
    await patient.call("requestPhoneVerification", { phone: freshPhone() });
    expect(await contactOf(uid)).toMatchObject({ phone: to });
    expect(await pendingOf(uid)).toMatchObject({ state: "pending" });
    await patient.call("deleteMyAccount", { confirm: "DELETE MY ACCOUNT" });
    expect(await contactOf(uid)).toBeUndefined();
    expect(await pendingOf(uid)).toBeUndefined();
    expect(await messagesFor(uid)).toEqual([]);
  });
});

/**
 * The appointment once the confirmBooking trigger has settled its confirmation: the trigger runs
 * after `book` answers, so a snapshot taken before it would change under the test.
 */
const settledAppointment = (id: string) =>
  eventually(async () => {
    const data = (await admin().db.doc(`appointments/${id}`).get()).data();
    return data && data.confirmation !== "pending" ? data : undefined;
  }, `the confirmation of appointment ${id}`);

describe("rate limits on every message a user can trigger", () => {
  it("a reschedule beyond the limit is refused with resource-exhausted, and nothing is written", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    await provePhoneByAuth(patient, to);
    const [first, second] = await slotsAhead(patient);
    const { appointmentId } = await book(patient, first.start);
    const before = await settledAppointment(appointmentId);
    const messagesBefore = await messagesAbout(appointmentId);
    await exhaust("reschedule", { kind: "user", uid: patient.user.uid });
    const error = await callError(patient.call("reschedule", { appointmentId, start: second.start }));
    expect(error.code).toBe("functions/resource-exhausted");
    expect((await admin().db.doc(`appointments/${appointmentId}`).get()).data()).toEqual(before);
    expect(await messagesAbout(appointmentId)).toHaveLength(messagesBefore.length);
  });

  it("a cancellation beyond the limit is refused with resource-exhausted, and nothing is written", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    await provePhoneByAuth(patient, to);
    const [slot] = await slotsAhead(patient);
    const { appointmentId } = await book(patient, slot.start);
    const before = await settledAppointment(appointmentId);
    await exhaust("cancel", { kind: "user", uid: patient.user.uid });
    const error = await callError(patient.call("cancel", { appointmentId }));
    expect(error.code).toBe("functions/resource-exhausted");
    expect((await admin().db.doc(`appointments/${appointmentId}`).get()).data()).toEqual(before);
    expect((await messagesAbout(appointmentId)).map((m) => m.kind)).not.toContain("appointment.cancelled");
  });

  it("codes are limited per user and per number: beyond either, nothing is sent", async () => {
    const to = freshPhone();
    const patient = await patientTyping(to);
    await exhaust("phoneVerification", { kind: "user", uid: patient.user.uid });
    const byUser = await callError(patient.call("requestPhoneVerification", { phone: to }));
    expect(byUser.code).toBe("functions/resource-exhausted");

    // Another account asking for codes to the same number meets the number's limit.
    const target = freshPhone();
    const other = await patientTyping(freshPhone());
    await exhaust("phoneVerification", { kind: "number", key: phoneKey(target) });
    const byNumber = await callError(other.call("requestPhoneVerification", { phone: target }));
    expect(byNumber.code).toBe("functions/resource-exhausted");
    for (const client of [patient, other]) {
      expect(await pendingOf(client.user.uid)).toBeUndefined();
      expect(await messagesFor(client.user.uid)).toEqual([]);
    }
    expect(await recordedTo(to)).toEqual([]);
    expect(await recordedTo(target)).toEqual([]);
  });
});

describe("the clinician's contact", () => {
  it("a doctor proves a number by code and sets language, channel and quiet hours", async () => {
    const clinician = track(await approvedDoctor(org));
    const uid = clinician.user.uid;
    const prefs = { language: "pa", channel: "whatsapp", quietHours: { startHour: 22, endHour: 7 } };
    const set = await clinician.call("setClinicianContact", prefs);
    // The doctor's clock (the default, India's) and no agenda until they choose a time.
    expect(set).toEqual({ ...prefs, phone: null, timezone: "Asia/Kolkata", agendaTime: null });
    const to = freshPhone();
    await clinician.call("requestPhoneVerification", { phone: to, channel: "sms" });
    const code = await codeSentTo(to);
    expect((await recordedTo(to))[0].body).toMatch(/[\u0A00-\u0A7F]/); // the doctor's language, Punjabi
    await clinician.call("confirmPhoneVerification", { phone: to, code });
    expect(await contactOf(uid)).toMatchObject({ ...prefs, phone: to, verifiedBy: "code" });
    // Changing the preferences keeps the proven number.
    await clinician.call("setClinicianContact", { ...prefs, language: "hi" });
    expect(await contactOf(uid)).toMatchObject({ language: "hi", phone: to });
  });

  it("only doctors set a clinician contact; bad values are refused and nothing is written", async () => {
    const patient = await patientTyping(freshPhone());
    const denied = await callError(
      patient.call("setClinicianContact", { language: "en", channel: "sms", quietHours: null }),
    );
    expect(denied.code).toBe("functions/permission-denied");
    expect(await contactOf(patient.user.uid)).toBeUndefined();

    const clinician = track(await approvedDoctor(org));
    for (const bad of [
      { language: "fr", channel: "sms", quietHours: null },
      { language: "en", channel: "fax", quietHours: null },
      { language: "en", channel: "sms", quietHours: { startHour: 24, endHour: 7 } },
      { language: "en", channel: "sms", quietHours: { startHour: 7, endHour: 7 } },
      { language: "en", channel: "sms", quietHours: null, phone: freshPhone() },
    ])
      expect((await callError(clinician.call("setClinicianContact", bad))).code).toBe(
        "functions/invalid-argument",
      );
    expect(await contactOf(clinician.user.uid)).toBeUndefined();
  });
});
