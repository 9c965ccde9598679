import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, callError, type Client } from "../../tools/emulator-client";
import { appointmentFixture, auditFor, eventually, makeOrg, orgAdmin, platformAdmin } from "./fixtures";
import {
  appointmentsOf,
  bookedInApp,
  call,
  expectSameAsApp,
  freshPhone,
  phoneOnlyPatient,
  specialist,
} from "./inboundFixtures";

// The voice line (issue 15, item 4): the Twilio recorder places a call to the signed
// /api/twilio/voice webhook and presses keys at each <Gather>, as Twilio would.
const GURMUKHI = /[\u0A00-\u0A7F]/;
const clients: Client[] = [];
let org: string;
let gynaecologist: string;
beforeAll(async () => {
  org = await makeOrg();
  const doctor = await specialist(org, "Obstetrics and gynaecology", ["pa"]);
  clients.push(doctor);
  gynaecologist = doctor.user.uid;
});
afterAll(async () => Promise.all(clients.map((c) => c.close())));

const ticketsOf = async (phone: string) =>
  (await admin().db.collection("tickets").where("phone", "==", phone).get()).docs.map((d) => ({
    id: d.id,
    ...d.data(),
  }));

/** A half-hour visit with the gynaecologist `days` days from now, for `patientUid`; its id. */
async function visitInDays(patientUid: string, days: number): Promise<string> {
  const start = Date.now() + days * 86_400_000;
  const visit = await appointmentFixture({
    org,
    doctorUid: gynaecologist,
    patientUid,
    startMs: start,
    endMs: start + 1_800_000,
  });
  return visit.id;
}

describe("voice: a caller", () => {
  it("books the next available doctor through the menus in Punjabi", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const played = await call(phone, ["3", "2", "3", "1"]);
    expect(played.turns.map((t) => t.status)).toEqual([200, 200, 200, 200, 200]);
    // The language menu speaks each language in its own voice.
    expect(played.turns[0].say.map((s) => s.language)).toEqual(["en-IN", "hi-IN", "pa-IN"]);
    for (const turn of played.turns.slice(1)) {
      expect(turn.say.every((s) => s.language === "pa-IN")).toBe(true);
      expect(turn.say.map((s) => s.text).join(" ")).toMatch(GURMUKHI);
    }
    expect(played.turns[3].say.map((s) => s.text).join(" ")).toContain("1 ਦਬਾਓ");
    const last = played.turns[4];
    expect(last.gather).toBe(false);
    expect(last.say[0].text).toContain("ਸਮਾਂ ਤੈਅ ਹੋ ਗਿਆ");
    const [appointment] = await appointmentsOf(uid);
    expect(appointment).toMatchObject({ doctorUid: gynaecologist, status: "booked", org });
    // Written by the appointment-created trigger (services/booking/bookAppointment.ts).
    const [audit] = await eventually(
      async () =>
        (await auditFor(appointment.id, "appointment.booked")).length > 0 &&
        auditFor(appointment.id, "appointment.booked"),
      "the booking's audit entry",
    );
    expect(audit).toMatchObject({ actorUid: uid, actorRole: "patient", userAgent: "twilio-voice" });
    // The same appointment, audit entry and messages as the same booking from the app.
    const app = await bookedInApp(gynaecologist, String((appointment as { mode?: unknown }).mode));
    clients.push(app.client);
    await expectSameAsApp(appointment.id, app.appointmentId, {
      actorUid: uid,
      actorRole: "patient",
      userAgent: "twilio-voice",
    });
  });

  it("hears the next appointment and cancels it; then hears there is none", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const id = await visitInDays(uid, 2);
    const played = await call(phone, ["1", "1", "2"]);
    expect(played.turns[2].say[0].text).toContain("Your next appointment is with Dr Fixture");
    expect(played.turns[3].say[0].text).toContain("cancelled");
    expect((await admin().db.doc(`appointments/${id}`).get()).data()).toMatchObject({ status: "cancelled" });
    expect(await auditFor(id, "appointment.cancelled")).toHaveLength(1);
    const again = await call(phone, ["1", "1"]);
    expect(again.turns[2].say[0].text).toContain("no upcoming appointment");
  });

  it("confirms the next appointment with 1", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const id = await visitInDays(uid, 3);
    const played = await call(phone, ["2", "1", "1"]);
    expect(played.turns[3].say[0]).toMatchObject({ language: "hi-IN" });
    expect(played.turns[3].say[0].text).toContain("पुष्टि हो गई");
    expect((await admin().db.doc(`appointments/${id}`).get()).data()!.attendanceConfirmedAt).toBeDefined();
  });

  it("a number no account belongs to hears no one's data and can only ask for a call back", async () => {
    const phone = freshPhone();
    const played = await call(phone, ["1", "1", "2"]);
    expect(played.turns[2].say[0].text).toContain("could not find an account");
    expect(played.turns[3].say[0].text).toContain("could not find an account");
    expect(await ticketsOf(phone)).toEqual([]);
    const callback = await call(phone, ["1", "3"]);
    expect(callback.turns[2].say[0].text).toContain("call you back");
    expect(await ticketsOf(phone)).toEqual([
      expect.objectContaining({ org: null, patientUid: null, status: "open" }),
    ]);
  });

  it("a forged call gets 403 and nothing is written", async () => {
    const phone = freshPhone();
    const played = await call(phone, ["1", "3"], { forge: true });
    expect(played.status).toBe(403);
    expect(played.turns).toHaveLength(1);
    expect(await ticketsOf(phone)).toEqual([]);
  });
});

describe("voice: call-back tickets", () => {
  it("a caller's call-back is seen and closed by the clinic's admin, once; others cannot", async () => {
    const { uid, phone } = await phoneOnlyPatient();
    const start = Date.now() + 2 * 86_400_000;
    await appointmentFixture({
      org,
      doctorUid: gynaecologist,
      patientUid: uid,
      startMs: start,
      endMs: start + 1_800_000,
    });
    const played = await call(phone, ["3", "3"]);
    expect(played.turns[2].say[0].text).toContain("ਵਾਪਸ ਫ਼ੋਨ ਕਰੇਗਾ");
    const [ticket] = await ticketsOf(phone);
    expect(ticket).toMatchObject({ org, patientUid: uid, language: "pa", status: "open", channel: "voice" });

    const clinic = await orgAdmin(org);
    const otherClinic = await orgAdmin(await makeOrg());
    const platform = await platformAdmin();
    clients.push(clinic, otherClinic, platform);
    // The clinic's admin reads it directly, under the rules; another clinic's admin cannot.
    const { doc, getDoc } = await import("firebase/firestore");
    const seen = await getDoc(doc(clinic.db, "tickets", ticket.id));
    expect(seen.data()).toMatchObject({ phone, status: "open" });
    await expect(getDoc(doc(otherClinic.db, "tickets", ticket.id))).rejects.toMatchObject({
      code: "permission-denied",
    });

    // Another clinic's admin and the patient cannot close it; nothing is written.
    expect((await callError(otherClinic.call("closeTicket", { ticketId: ticket.id }))).code).toBe(
      "functions/not-found",
    );
    expect(await auditFor(ticket.id, "ticket.closed")).toEqual([]);
    expect((await admin().db.doc(`tickets/${ticket.id}`).get()).data()).toMatchObject({ status: "open" });

    const closed = await clinic.call("closeTicket", { ticketId: ticket.id, note: "Called back, booked" });
    expect(closed).toEqual({ ticketId: ticket.id, status: "closed" });
    expect((await admin().db.doc(`tickets/${ticket.id}`).get()).data()).toMatchObject({
      status: "closed",
      closedBy: clinic.user.uid,
      note: "Called back, booked",
    });
    await clinic.call("closeTicket", { ticketId: ticket.id });
    expect(await auditFor(ticket.id, "ticket.closed")).toHaveLength(1);
    expect(await auditFor(ticket.id, "ticket.created")).toHaveLength(1);
  });

  it("a patient cannot close a ticket, and a malformed id is invalid-argument", async () => {
    const patient = await (await import("../../tools/emulator-client")).signUp();
    clients.push(patient);
    expect((await callError(patient.call("closeTicket", { ticketId: "t1" }))).code).toBe(
      "functions/permission-denied",
    );
    const clinic = await orgAdmin(org);
    clients.push(clinic);
    expect((await callError(clinic.call("closeTicket", { ticketId: "" }))).code).toBe(
      "functions/invalid-argument",
    );
  });
});
