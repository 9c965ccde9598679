// What the schedule-change suites share (scheduleChanges.int: proposals answered, suspensions and
// leave; proposalExpiry.int: proposals that expire unanswered): a suite's organisation, doctors and
// patients with proven phones, booking, and reading back appointments and messages.
// `scheduleChangeSuite()` is called once per file: each file has its own organisation and clients.
import { beforeAll } from "vitest";
import { admin, signUp, type Client } from "../../tools/emulator-client";
import { ROUND_THE_CLOCK, approvedDoctor, makeOrg, provePhoneByAuth, type SlotView } from "./fixtures";
import { trackClients } from "./clients";

export const HOUR = 3_600_000;

let sequence = Math.floor(Math.random() * 80_000) + 10_000;
const newPhone = () => `+917${String(sequence++)}${String(Math.floor(Math.random() * 9000) + 1000)}`;

export interface Booked {
  appointmentId: string;
  start: string;
  status: string;
}

export const appointment = async (id: string) => (await admin().db.doc(`appointments/${id}`).get()).data()!;
export const outbox = async (id: string) => (await admin().db.doc(`outbox/${id}`).get()).data();

export async function book(patient: Client, doctorUid: string, slot: SlotView): Promise<Booked> {
  return patient.call<Booked>("book", { doctorUid, start: slot.start, mode: "video" });
}

/** The file's organisation and clients (closed after the file), and helpers that use them. */
export function scheduleChangeSuite() {
  const track = trackClients();
  const suite = { org: "" };
  beforeAll(async () => {
    suite.org = await makeOrg();
  });

  /** A doctor with a proven phone (and a membership, for suspensions). */
  async function doctorWithPhone(availability: Record<string, unknown> = ROUND_THE_CLOCK) {
    const doctor = track(await approvedDoctor(suite.org, availability));
    const phone = newPhone();
    await provePhoneByAuth(doctor, phone);
    const uid = doctor.user.uid;
    await admin()
      .db.doc(`organisations/${suite.org}/members/${uid}`)
      .set({ uid, role: "doctor", status: "active", since: new Date() });
    return { doctor, uid, phone };
  }

  async function patientWithPhone() {
    const patient = track(await signUp());
    const phone = newPhone();
    await provePhoneByAuth(patient, phone);
    return { patient, phone };
  }

  return { suite, track, doctorWithPhone, patientWithPhone };
}
