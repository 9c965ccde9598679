// What the consultation suites share (consultations.int: joining, tokens and the lifecycle;
// noShows.int: what scheduled work marks when someone does not come): a suite's organisation, its
// doctor, patient, a third user and a platform admin, five appointments around now, and reading
// back the session, its events and the appointment.
// `consultationSuite()` is called once per file: each file has its own organisation and clients.
import { beforeAll } from "vitest";
import { admin, signUp, type Client } from "../../tools/emulator-client";
import { appointmentFixture, approvedDoctor, makeOrg, platformAdmin } from "./fixtures";
import { trackClients } from "./clients";

export const MINUTE = 60_000;

export interface JoinResult {
  status: string;
  role: string;
  jitsi?: { domain: string; room: string; token: string };
  twilio?: { room: string; identity: string; token: string };
}
export const joinAs = (c: Client, appointmentId: string, provider?: string) =>
  c.call<JoinResult>("joinConsultation", { appointmentId, ...(provider ? { provider } : {}) });

export const sessionOf = async (id: string) => (await admin().db.doc(`consultations/${id}`).get()).data();
export const eventsOf = async (id: string) =>
  (await admin().db.collection(`consultations/${id}/events`).orderBy("seq").get()).docs.map((d) => d.data());
export const appointmentOf = async (id: string) => (await admin().db.doc(`appointments/${id}`).get()).data()!;

/** The file's organisation and clients (closed after the file), and helpers that use them. */
export function consultationSuite() {
  const track = trackClients();

  const suite = {
    org: "",
    doctor: undefined as unknown as Client,
    patient: undefined as unknown as Client,
    stranger: undefined as unknown as Client,
    platform: undefined as unknown as Client,
  };
  beforeAll(async () => {
    suite.org = await makeOrg();
    [suite.doctor, suite.patient, suite.stranger, suite.platform] = (
      await Promise.all([approvedDoctor(suite.org), signUp(), signUp(), platformAdmin()])
    ).map(track);
  });

  /**
   * The five appointments of one test, with exact times around the current whole second: one in
   * progress, one in two hours, one that ended an hour ago, one cancelled, one in person.
   */
  async function appointments() {
    const t = Math.floor(Date.now() / 1000) * 1000;
    const make = (startMs: number, endMs: number, extra: { status?: "cancelled"; mode?: "in_person" } = {}) =>
      appointmentFixture({
        org: suite.org,
        doctorUid: suite.doctor.user.uid,
        patientUid: suite.patient.user.uid,
        startMs,
        endMs,
        ...extra,
      });
    const [inProgress, later, past, cancelled, inPerson] = await Promise.all([
      make(t - 5 * MINUTE, t + 25 * MINUTE),
      make(t + 120 * MINUTE, t + 150 * MINUTE),
      make(t - 90 * MINUTE, t - 60 * MINUTE),
      make(t - 5 * MINUTE, t + 25 * MINUTE, { status: "cancelled" }),
      make(t - 5 * MINUTE, t + 25 * MINUTE, { mode: "in_person" }),
    ]);
    return { inProgress, later, past, cancelled, inPerson };
  }

  const openBookings = async () =>
    ((await admin().db.doc(`bookingState/${suite.patient.user.uid}`).get()).get("open") ?? {}) as Record<
      string,
      unknown
    >;

  return { suite, appointments, openBookings };
}
