// Fixtures for the integration tests: organisations and role holders made through the Admin
// SDK, valid requests, and queries for what a call left behind.
import { randomUUID } from "node:crypto";
import { admin, userWithClaims, type Client } from "../../tools/emulator-client";

export async function makeOrg(type: "clinic" | "village" | "pharmacy" | "lab" = "clinic"): Promise<string> {
  const id = `org-${type}-${randomUUID().slice(0, 8)}`;
  await admin()
    .db.doc(`organisations/${id}`)
    .set({
      name: `Test ${type} ${id}`,
      type,
      district: "Ludhiana",
      state: "Punjab",
      createdAt: new Date(),
      createdBy: "fixture",
    });
  return id;
}

export const orgAdmin = (org: string): Promise<Client> => userWithClaims({ role: "admin", org }, "admin");
export const platformAdmin = (): Promise<Client> =>
  userWithClaims({ role: "admin", platform: true }, "platform");

export function doctorApplication(org: string, overrides: Record<string, unknown> = {}) {
  return {
    role: "doctor",
    org,
    doctor: {
      name: "Dr. Test Doctor",
      specialties: ["General medicine"],
      registrationNumber: `PMC-${Math.floor(Math.random() * 90000) + 10000}`,
      feeInr: 200,
      languages: ["pa", "hi"],
      timezone: "Asia/Kolkata",
      ...overrides,
    },
  };
}

export function pharmacyApplication(org: string) {
  return {
    role: "pharmacist",
    org,
    pharmacy: {
      name: "Test Chemist",
      licenceNumber: "PB-LDH-20B-9999",
      phone: "+911612000000",
      address: { line1: "Main Bazaar", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      location: { lat: 30.901, lng: 75.8573 },
      openingHours: { mon: [{ open: "09:00", close: "21:00" }] },
      timezone: "Asia/Kolkata",
    },
  };
}

/** Audit entries about one target, oldest first. */
export async function auditFor(targetId: string, action?: string) {
  const snap = await admin().db.collection("auditLog").where("target.id", "==", targetId).get();
  return snap.docs
    .map((d) => d.data())
    .filter((d) => !action || d.action === action)
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** Open around the clock in Asia/Kolkata, 30-minute slots, no notice: tests pick real future slots. */
export const ROUND_THE_CLOCK = {
  timezone: "Asia/Kolkata",
  slotMinutes: 30,
  minNoticeMinutes: 0,
  horizonDays: 30,
  modes: ["video", "in_person"],
  weekly: Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ start: "00:00", end: "24:00" }]]),
  ),
};

/** An approved doctor (claims, profile, membership) with availability, made through the Admin SDK. */
export async function approvedDoctor(
  org: string,
  availability: Record<string, unknown> = ROUND_THE_CLOCK,
): Promise<Client> {
  const doctor = await userWithClaims({ role: "doctor", org }, "doctor");
  const uid = doctor.user.uid;
  const now = new Date();
  const { db } = admin();
  await db.doc(`doctors/${uid}`).set({
    uid,
    name: "Dr. Fixture",
    specialties: ["General medicine"],
    registrationNumber: "PMC-10001",
    feeInr: 200,
    languages: ["hi"],
    timezone: "Asia/Kolkata",
    org,
    status: "approved",
    approvedAt: now,
    approvedBy: "fixture",
    updatedAt: now,
  });
  await db.doc(`availability/${uid}`).set({
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    exceptions: [],
    leave: [],
    ...availability,
    doctorUid: uid,
    updatedAt: now,
    updatedBy: "fixture",
  });
  return doctor;
}

export interface SlotView {
  start: string;
  end: string;
  localDate: string;
  localTime: string;
}

/** Free slots of a doctor in the next `days` days, through the callable. */
export async function freeSlots(client: Client, doctorUid: string, days = 7): Promise<SlotView[]> {
  const from = new Date();
  const to = new Date(from.getTime() + days * 86_400_000);
  const { slots } = await client.call<{ slots: SlotView[] }>("listSlots", {
    doctorUid,
    from: from.toISOString(),
    to: to.toISOString(),
  });
  return slots;
}

export async function appointmentsAt(doctorUid: string, start: string) {
  const { Timestamp } = await import("firebase-admin/firestore");
  const snap = await admin()
    .db.collection("appointments")
    .where("doctorUid", "==", doctorUid)
    .where("start", "==", Timestamp.fromDate(new Date(start)))
    .get();
  return snap.docs.map((d) => ({ id: d.id, ...d.data() }));
}

/** An approved pharmacy (profile with geohash) and its pharmacist, made through the Admin SDK. */
export async function approvedPharmacy(
  org: string,
  options: {
    location?: { lat: number; lng: number };
    status?: string;
    openingHours?: Record<string, unknown>;
    withPharmacist?: boolean;
  } = {},
): Promise<{ pharmacyId: string; pharmacist: Client | null }> {
  const { GeoPoint } = await import("firebase-admin/firestore");
  const { geohashForLocation } = await import("geofire-common");
  const pharmacyId = `pharmacy-${randomUUID().slice(0, 12)}`;
  const location = options.location ?? { lat: 30.901, lng: 75.8573 };
  const pharmacist =
    options.withPharmacist === false
      ? null
      : await userWithClaims({ role: "pharmacist", org, pharmacy: pharmacyId }, "pharmacist");
  const now = new Date();
  await admin()
    .db.doc(`pharmacies/${pharmacyId}`)
    .set({
      name: `Chemist ${pharmacyId}`,
      licenceNumber: "PB-LDH-20B-9999",
      phone: "+911612000000",
      address: { line1: "Main Bazaar", district: "Ludhiana", state: "Punjab", pincode: "141001" },
      location: new GeoPoint(location.lat, location.lng),
      geohash: geohashForLocation([location.lat, location.lng], 9),
      openingHours: options.openingHours ?? ALWAYS_OPEN,
      timezone: "Asia/Kolkata",
      ownerUid: pharmacist?.user.uid ?? "fixture",
      org,
      status: options.status ?? "approved",
      approvedAt: now,
      approvedBy: "fixture",
      updatedAt: now,
    });
  return { pharmacyId, pharmacist };
}

export const ALWAYS_OPEN = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ open: "00:00", close: "23:59" }]]),
);

export interface AppointmentFixture {
  id: string;
  startMs: number;
  endMs: number;
}

/**
 * An appointment written directly through the Admin SDK, so its times are exact (booking only
 * offers future slots): no slot lock and no reminders; while booked it is in the patient's open
 * bookings, as booking leaves it.
 */
export async function appointmentFixture(a: {
  org: string;
  doctorUid: string;
  patientUid: string;
  startMs: number;
  endMs: number;
  status?: "booked" | "cancelled" | "completed" | "no_show";
  mode?: "video" | "in_person";
}): Promise<AppointmentFixture> {
  const { Timestamp } = await import("firebase-admin/firestore");
  const { db } = admin();
  const ref = db.collection("appointments").doc();
  const now = Timestamp.now();
  const status = a.status ?? "booked";
  await ref.set({
    patientUid: a.patientUid,
    doctorUid: a.doctorUid,
    org: a.org,
    start: Timestamp.fromMillis(a.startMs),
    end: Timestamp.fromMillis(a.endMs),
    timezone: "Asia/Kolkata",
    mode: a.mode ?? "video",
    status,
    slotLockId: `fixture_${ref.id}`,
    createdAt: now,
    updatedAt: now,
    history: [
      { event: "booked", at: now, by: a.patientUid, role: "patient" },
      ...(status === "booked" ? [] : [{ event: status, at: now, by: a.doctorUid, role: "doctor" }]),
    ],
  });
  if (status === "booked") {
    await db
      .doc(`bookingState/${a.patientUid}`)
      .set({ open: { [ref.id]: { start: a.startMs, end: a.endMs } } }, { merge: true });
  }
  return { id: ref.id, startMs: a.startMs, endMs: a.endMs };
}

// ---- messages and proven phone numbers -------------------------------------------------------

/** The local Twilio API (tools/twilio-emulator.mjs) records every message; nothing is sent. */
export const TWILIO_RECORDER = "http://127.0.0.1:4599";

export interface RecordedMessage {
  sid: string;
  to: string;
  body: string;
  channel: string;
}

/** The messages the local Twilio API recorded for a number, oldest first. */
export async function recordedTo(phone: string): Promise<RecordedMessage[]> {
  const { messages } = (await (await fetch(`${TWILIO_RECORDER}/__emulator/messages`)).json()) as {
    messages: RecordedMessage[];
  };
  return messages.filter((m) => m.to.replace(/^whatsapp:/, "") === phone);
}

/** Polls until `check` returns a value (triggers run asynchronously); fails after 60 s. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
): Promise<T> {
  for (let i = 0; i < 240; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Proves a number the way phone sign-in does: the number is put on the user's Auth account (as
 * signing in by phone leaves it), then requestPhoneVerification records it as their contact
 * without a code. Messages go only to numbers proven like this or by a code.
 */
export async function provePhoneByAuth(client: Client, phone: string): Promise<void> {
  await admin().auth.updateUser(client.user.uid, { phoneNumber: phone });
  const result = await client.call<{ status: string }>("requestPhoneVerification", { phone });
  if (result.status !== "verified")
    throw new Error(`the Auth phone was not taken as proven: ${result.status}`);
}
