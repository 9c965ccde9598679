// Fixtures for the inbound channels' suites (sms, voice): doctors of a specialty and language,
// patients who have only a phone, and the Twilio recorder playing their SMS and calls.
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { admin, phoneSignUp, signUp, type Client } from "../../tools/emulator-client";
import type { PlayedCall, PlayedSms } from "../../tools/twilio-emulator.mjs";
import {
  ROUND_THE_CLOCK,
  TWILIO_RECORDER,
  approvedDoctor,
  auditFor,
  eventually,
  freeSlots,
  provePhoneByAuth,
} from "./fixtures";

/** Phone numbers no other suite uses: +91 7 then eight digits from a random start. */
let sequence = Math.floor(Math.random() * 8_000_000) + 1_000_000;
export const freshPhone = () => `+917${String(sequence++).padStart(9, "0")}`;

/** As the functions name a phone without writing it (functions/src/domain/contacts/verification.ts). */
export const phoneKey = (phone: string) =>
  createHash("sha256").update(`arogya-phone:${phone}`).digest("hex").slice(0, 32);

/**
 * An approved doctor of `specialty` speaking `languages`, open around the clock but from six
 * hours ahead (so an SMS booking can still be cancelled and moved, past the cut-offs).
 */
export async function specialist(org: string, specialty: string, languages: string[]) {
  const doctor = await approvedDoctor(org, { ...ROUND_THE_CLOCK, minNoticeMinutes: 6 * 60 });
  await admin()
    .db.doc(`doctors/${doctor.user.uid}`)
    .update({ specialties: [specialty], languages });
  return doctor;
}

/** A patient who has only a phone: signed up by phone (as phone sign-in leaves them), no profile. */
export async function phoneOnlyPatient(phone = freshPhone()): Promise<{ uid: string; phone: string }> {
  const { uid } = await phoneSignUp(phone);
  return { uid, phone };
}

/** The recorder posts an SMS from `from`, signed as Twilio signs it, and answers the replies. */
export async function sms(from: string, body: string, extra: { messageSid?: string; forge?: boolean } = {}) {
  const res = await fetch(`${TWILIO_RECORDER}/__emulator/inbound/sms`, {
    method: "POST",
    body: JSON.stringify({ from, body, ...extra }),
  });
  if (!res.ok) throw new Error(`the recorder answered ${res.status}`);
  return (await res.json()) as PlayedSms;
}

/** The recorder places a call from `from` and presses `digits` at each menu. */
export async function call(from: string, digits: string[], extra: { forge?: boolean } = {}) {
  const res = await fetch(`${TWILIO_RECORDER}/__emulator/inbound/call`, {
    method: "POST",
    body: JSON.stringify({ from, digits, ...extra }),
  });
  if (!res.ok) throw new Error(`the recorder answered ${res.status}`);
  return (await res.json()) as PlayedCall;
}

interface StoredAppointment {
  doctorUid: string;
  start: { toMillis(): number };
  attendanceConfirmedAt?: unknown;
  [field: string]: unknown;
}

/** The patient's appointments, oldest first. */
export async function appointmentsOf(uid: string) {
  const snap = await admin().db.collection("appointments").where("patientUid", "==", uid).get();
  return snap.docs
    .map((d) => ({ id: d.id, ...(d.data() as StoredAppointment) }))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

export const exists = async (path: string) => (await admin().db.doc(path).get()).exists;

// ---- "the same appointment, audit and messages as a booking from the app" (issue 15) --------

type Data = FirebaseFirestore.DocumentData;

/** What an appointment says, without who made it, when, which slot, or whose card it carries. */
export function appointmentShape(a: Data) {
  const omit = [
    "history",
    "createdAt",
    "updatedAt",
    "start",
    "end",
    "slotLockId",
    "patientUid",
    "nextReminderAt",
    // The patient's card (name, sex, age) is the patient's own: a phone-only patient has none.
    "patient",
  ];
  const rest = Object.fromEntries(Object.entries(a).filter(([k]) => !omit.includes(k)));
  // The reminders' language is the patient's own too (their profile's): compared apart.
  if (rest.reminderContext && typeof rest.reminderContext === "object") {
    const { language: _language, ...context } = rest.reminderContext as Record<string, unknown>;
    rest.reminderContext = context;
  }
  return { ...rest, events: a.history.map((h: { event: string }) => h.event) };
}

/** The appointment once the confirmBooking trigger has settled its confirmation (and message). */
export const settledAppointment = (id: string) =>
  eventually(async () => {
    const data = (await admin().db.doc(`appointments/${id}`).get()).data();
    return data && data.confirmation !== "pending" ? data : undefined;
  }, `the confirmation of appointment ${id}`);

/** The messages about an appointment: kind, channel, whether required, in a stable order. */
export async function messagesAbout(appointmentId: string) {
  const snap = await admin().db.collection("outbox").where("appointmentId", "==", appointmentId).get();
  return snap.docs.map((d) => d.data()).sort((a, b) => String(a.kind).localeCompare(String(b.kind)));
}

/**
 * The same booking made from the app: a new patient with a proven number books `doctorUid` in
 * `mode` at the latest free slot of the next week (so the earliest stay for the suite). The
 * client is returned to be closed by the suite.
 */
export async function bookedInApp(
  doctorUid: string,
  mode: string,
): Promise<{ appointmentId: string; client: Client }> {
  const client = await signUp();
  await provePhoneByAuth(client, freshPhone());
  const slots = await freeSlots(client, doctorUid, 7);
  const { appointmentId } = await client.call<{ appointmentId: string }>("book", {
    doctorUid,
    start: slots[slots.length - 1].start,
    mode,
  });
  return { appointmentId, client };
}

/**
 * A booking made without the app left what `appAppointmentId`'s booking from the app left: the
 * same appointment fields (but who, when and whose card), the same booked audit entry (its
 * fields, role and organisation; `onBehalfOf` when `onBehalfOf` is given) and the same messages
 * (kind, channel, required).
 */
export async function expectSameAsApp(
  appointmentId: string,
  appAppointmentId: string,
  expected: { actorUid: string; actorRole: string; onBehalfOf?: string; userAgent?: string },
) {
  const [mine, theirs] = await Promise.all([
    settledAppointment(appointmentId),
    settledAppointment(appAppointmentId),
  ]);
  expect(appointmentShape(mine)).toEqual(appointmentShape(theirs));
  // Written by the appointment-created trigger (services/booking/bookAppointment.ts).
  const bookedEntry = (id: string) =>
    eventually(async () => (await auditFor(id, "appointment.booked"))[0], `the audit entry of ${id}`);
  const [entry, appEntry] = await Promise.all([bookedEntry(appointmentId), bookedEntry(appAppointmentId)]);
  expect(entry).toMatchObject({
    actorUid: expected.actorUid,
    actorRole: expected.actorRole,
    org: appEntry.org,
    target: { type: appEntry.target.type, id: appointmentId },
    ...(expected.userAgent ? { userAgent: expected.userAgent } : {}),
  });
  expect(entry.onBehalfOf).toBe(expected.onBehalfOf);
  // The same fields (who the request came through, ip and user agent, may differ in value).
  const fields = (e: Data) =>
    Object.keys(e)
      .filter((k) => !["onBehalfOf", "ip", "userAgent"].includes(k))
      .sort();
  expect(fields(entry)).toEqual(fields(appEntry));
  const kinds = async (id: string) => (await messagesAbout(id)).map((m) => [m.kind, m.channel, m.required]);
  expect(await kinds(appointmentId)).toEqual(await kinds(appAppointmentId));
}
