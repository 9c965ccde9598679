// Fixtures for the inbound channels' suites (sms, voice): doctors of a specialty and language,
// patients who have only a phone, and the Twilio recorder playing their SMS and calls.
import { createHash } from "node:crypto";
import { admin, phoneSignUp } from "../../tools/emulator-client";
import type { PlayedCall, PlayedSms } from "../../tools/twilio-emulator.mjs";
import { ROUND_THE_CLOCK, TWILIO_RECORDER, approvedDoctor } from "./fixtures";

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
