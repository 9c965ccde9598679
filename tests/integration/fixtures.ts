// Fixtures for the integration tests: organisations and role holders made through the Admin
// SDK, valid requests, and queries for what a call left behind.
import { randomUUID } from "node:crypto";
import { admin, userWithClaims, type Client } from "../../tools/emulator-client";
import {
  KOLKATA,
  addressIn,
  appointmentDoc,
  doctorDoc,
  organisationDoc,
  pharmacyDoc,
  type DoctorPractice,
  type OrganisationDoc,
  type Overrides,
  type PharmacyProfile,
} from "../factories";

/** Who the fixtures say approved or created what they write. */
const FIXTURE = "fixture";

export async function makeOrg(type: OrganisationDoc["type"] = "clinic"): Promise<string> {
  const id = `org-${type}-${randomUUID().slice(0, 8)}`;
  await admin()
    .db.doc(`organisations/${id}`)
    .set(
      organisationDoc(
        { name: `Test ${type} ${id}`, type, district: "Ludhiana", state: "Punjab" },
        { at: new Date(), by: FIXTURE },
      ),
    );
  return id;
}

export const orgAdmin = (org: string): Promise<Client> => userWithClaims({ role: "admin", org }, "admin");
export const platformAdmin = (): Promise<Client> =>
  userWithClaims({ role: "admin", platform: true }, "platform");

/** What the test doctors practise: general medicine for 200 rupees, in Asia/Kolkata. */
const PRACTICE = { specialties: ["General medicine"], feeInr: 200, timezone: KOLKATA };
/** The licence, phone and address of the test pharmacies. */
const CHEMIST = {
  licenceNumber: "PB-LDH-20B-9999",
  phone: "+911612000000",
  address: addressIn("Main Bazaar"),
  timezone: KOLKATA,
};

/** An applyForRole request for a doctor of `org`; `overrides` change the practice, validly or not. */
export function doctorApplication(org: string, overrides: Overrides = {}) {
  const doctor: DoctorPractice = {
    ...PRACTICE,
    name: "Dr. Test Doctor",
    registrationNumber: `PMC-${Math.floor(Math.random() * 90000) + 10000}`,
    languages: ["pa", "hi"],
  };
  return { role: "doctor", org, doctor: { ...doctor, ...overrides } };
}

export function pharmacyApplication(org: string) {
  const pharmacy: PharmacyProfile = {
    ...CHEMIST,
    name: "Test Chemist",
    location: { lat: 30.901, lng: 75.8573 },
    openingHours: { mon: [{ open: "09:00", close: "21:00" }] },
  };
  return { role: "pharmacist", org, pharmacy };
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
  const practice: DoctorPractice = {
    ...PRACTICE,
    name: "Dr. Fixture",
    registrationNumber: "PMC-10001",
    languages: ["hi"],
  };
  await db.doc(`doctors/${uid}`).set(doctorDoc(uid, org, practice, { at: now, by: FIXTURE }));
  await db.doc(`availability/${uid}`).set({
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    exceptions: [],
    leave: [],
    ...availability,
    doctorUid: uid,
    updatedAt: now,
    updatedBy: FIXTURE,
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
  const { slots } = await client.arogya.listSlots({
    doctorUid,
    from: from.toISOString(),
    to: to.toISOString(),
  });
  return slots;
}

/** The `index`-th slot at least `hoursAhead` hours away, so cut-offs do not interfere. */
export function slotAhead(slots: SlotView[], hoursAhead: number, index = 0): SlotView {
  const later = slots.filter((s) => Date.parse(s.start) > Date.now() + hoursAhead * 3_600_000);
  return later[index];
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
    openingHours?: PharmacyProfile["openingHours"];
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
  const profile = {
    ...CHEMIST,
    name: `Chemist ${pharmacyId}`,
    location: new GeoPoint(location.lat, location.lng),
    geohash: geohashForLocation([location.lat, location.lng], 9),
    openingHours: options.openingHours ?? ALWAYS_OPEN,
  };
  const owner = { org, ownerUid: pharmacist?.user.uid ?? FIXTURE };
  await admin()
    .db.doc(`pharmacies/${pharmacyId}`)
    .set({
      ...pharmacyDoc(profile, owner, { at: new Date(), by: FIXTURE }),
      status: options.status ?? "approved",
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
  const appointment = appointmentDoc({
    ...a,
    start: Timestamp.fromMillis(a.startMs),
    end: Timestamp.fromMillis(a.endMs),
    slotLockId: `${FIXTURE}_${ref.id}`,
    at: Timestamp.now(),
  });
  await ref.set(appointment);
  if (appointment.status === "booked") {
    await db
      .doc(`bookingState/${a.patientUid}`)
      .set({ open: { [ref.id]: { start: a.startMs, end: a.endMs } } }, { merge: true });
  }
  return { id: ref.id, startMs: a.startMs, endMs: a.endMs };
}

/**
 * A booked visit that started ten minutes ago and lasts half an hour (a fixture as above): one its
 * doctor may prescribe for now. Returns its id.
 */
export async function startedVisit(a: {
  org: string;
  doctorUid: string;
  patientUid: string;
}): Promise<string> {
  const start = Date.now() - 10 * 60_000;
  return (await appointmentFixture({ ...a, startMs: start, endMs: start + 30 * 60_000 })).id;
}

/** A visit that took place: an hour ago to half an hour ago, `completed` (a fixture as above). */
export async function completedVisit(a: {
  org: string;
  doctorUid: string;
  patientUid: string;
}): Promise<string> {
  const now = Date.now();
  const visit = await appointmentFixture({
    ...a,
    startMs: now - 60 * 60_000,
    endMs: now - 30 * 60_000,
    status: "completed",
  });
  return visit.id;
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

// ---- documents ---------------------------------------------------------------------------------

/** The text of a PDF: each page's text items joined by spaces, pages by line ends. */
export async function pdfText(buffer: ArrayBuffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({
    data: new Uint8Array(buffer),
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= document.numPages; p += 1) {
    const content = await (await document.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join(" "));
  }
  return pages.join("\n");
}
