// What the clinician suites share (clinicians.int: messages to the doctor when things happen;
// clinicianSweeps.int: what scheduled work sends them and closes): a suite's organisation and
// platform admin, doctors and patients with proven numbers, and reading back what was sent.
// `clinicianSuite()` is called once per file: each file has its own organisation and clients.
import { DateTime } from "luxon";
import { beforeAll } from "vitest";
import { admin, signUp, type Client } from "../../tools/emulator-client";
import { approvedDoctor, eventually, freeSlots, makeOrg, platformAdmin, provePhoneByAuth } from "./fixtures";
import { trackClients } from "./clients";

export const MINUTE = 60_000;

export type Prefs = {
  language?: "en" | "hi" | "pa";
  channel?: "sms" | "whatsapp";
  quietHours?: { startHour: number; endHour: number } | null;
  timezone?: string;
  agendaTime?: string | null;
};

let sequence = Math.floor(Math.random() * 800_000) + 100_000;
/** A fresh Indian mobile number (suffix 1234: the Twilio emulator accepts it). */
export const freshPhone = () => `+9196${String(sequence++).padStart(6, "0")}34`;
export const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();
export const messagesFor = async (uid: string) =>
  (await admin().db.collection("outbox").where("recipientUid", "==", uid).get()).docs.map((d) => d.data());
export const contactOf = async (uid: string) => (await admin().db.doc(`contacts/${uid}`).get()).data();
export const sentAs = (id: string) =>
  eventually(async () => (await outbox(id))?.state === "sent" && outbox(id), `${id} to be sent`);
/** The booking's confirmations are written by a trigger: wait until they are handled. */
export const confirmed = (appointmentId: string) =>
  eventually(
    async () =>
      (await admin().db.doc(`appointments/${appointmentId}`).get()).get("confirmation") !== "pending",
    "the confirmation to be handled",
  );

/** Free 12:00 IST slots of a doctor, two days ahead or more (out of every cut-off and urgent window). */
export async function noonSlots(client: Client, doctorUid: string) {
  const slots = await freeSlots(client, doctorUid, 30);
  return slots.filter((s) => s.localTime === "12:00" && Date.parse(s.start) > Date.now() + 2 * 86_400_000);
}
export const book = (client: Client, doctorUid: string, start: string) =>
  client.call<{ appointmentId: string }>("book", { doctorUid, start, mode: "video" });

/** The file's organisation, platform admin and clients (closed after the file), and helpers that use them. */
export function clinicianSuite() {
  const track = trackClients();
  const suite = { org: "", platform: undefined as unknown as Client };
  beforeAll(async () => {
    suite.org = await makeOrg();
    suite.platform = track(await platformAdmin());
  });

  /** An approved doctor who proved `phone` (unless null) and set how they are messaged. */
  async function clinician(phone: string | null, prefs: Prefs = {}): Promise<Client> {
    const doctor = track(await approvedDoctor(suite.org));
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

  return { suite, track, clinician, patient, bookedInQuietHours };
}
