// Messages to clinicians when something happens to their appointments (issue 14, item 2), against
// the emulators, through the client SDK as a doctor, a patient and a clinic admin would use them.
// What reaches a phone is read back from the local Twilio API's recordings. What scheduled work
// sends them (quiet hours, reminders, the agenda) and closes is in clinicianSweeps.int.
import { describe, expect, it } from "vitest";
import { admin, type Client } from "../../tools/emulator-client";
import { eventually, orgAdmin, recordedTo } from "./fixtures";
import {
  book,
  clinicianSuite,
  confirmed,
  freshPhone,
  messagesFor,
  noonSlots,
  outbox,
  sentAs,
} from "./clinicianFixtures";

const { suite, track, clinician, patient } = clinicianSuite();

describe("messages to the doctor", () => {
  it("the doctor receives the booking SMS on their proven number, naming the patient by first name and initial", async () => {
    const to = freshPhone();
    const doctor = await clinician(to);
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    const sent = await sentAs(`appt_${appointmentId}_booked_dr`);
    expect(sent).toMatchObject({
      kind: "clinician.booked",
      recipientUid: doctor.user.uid,
      to,
      language: "en",
      channel: "sms",
      appointmentId,
    });
    const recorded = await recordedTo(to);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].body).toContain("Simran G.");
    expect(recorded[0].body).toContain("12:00 pm");
    expect(recorded[0].body).not.toMatch(/Kaur|Gill|1990|Ludhiana/);
    // The patient's own confirmation is unchanged, and separate.
    await sentAs(`appt_${appointmentId}_booked`);
  });

  it("a doctor whose number is not proven receives nothing; booking still succeeds", async () => {
    const typed = freshPhone();
    const doctor = await clinician(null);
    // A code was sent to the number but never confirmed: it is not proven.
    await doctor.call("requestPhoneVerification", { phone: typed });
    await eventually(async () => (await recordedTo(typed)).length === 1, "the verification code");
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    await sentAs(`appt_${appointmentId}_booked`);
    await eventually(
      async () =>
        (await admin().db.doc(`appointments/${appointmentId}`).get()).get("confirmation") === "queued",
      "the confirmation to be handled",
    );
    expect(await outbox(`appt_${appointmentId}_booked_dr`)).toBeUndefined();
    expect((await messagesFor(doctor.user.uid)).map((m) => m.kind)).toEqual(["phone.verification"]);
    expect(await recordedTo(typed)).toHaveLength(1);
  });

  it("a doctor who replied STOP is not texted (the message fails as opted-out)", async () => {
    const to = freshPhone();
    const doctor = await clinician(to);
    const { Timestamp } = await import("firebase-admin/firestore");
    // What the inbound webhook writes on STOP (notifications.int.test.ts drives the webhook itself).
    await admin().db.doc(`optOuts/${to}`).set({ optedOutAt: Timestamp.now(), keyword: "STOP" });
    const simran = await patient();
    const [slot] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, slot.start);
    const id = `appt_${appointmentId}_booked_dr`;
    const failed = await eventually(async () => (await outbox(id))?.state === "failed" && outbox(id), id);
    expect(failed!.error.code).toBe("opted-out");
    expect(await recordedTo(to)).toEqual([]);
  });

  it("a reschedule and a cancellation by the patient text the doctor; a cancellation by the doctor does not", async () => {
    const to = freshPhone();
    const doctor = await clinician(to, { language: "hi" });
    const simran = await patient();
    const [first, second, third] = await noonSlots(simran, doctor.user.uid);
    const { appointmentId } = await book(simran, doctor.user.uid, first.start);
    // The booking's confirmation is written by a trigger after the call; one cancelled before it
    // runs is never confirmed, so the reschedule waits for it, as a person would.
    await sentAs(`appt_${appointmentId}_booked_dr`);
    await simran.call("reschedule", { appointmentId, start: second.start });
    await simran.call("cancel", { appointmentId });
    const moved = await sentAs(`appt_${appointmentId}_rescheduled_1_dr`);
    expect(moved!.kind).toBe("clinician.rescheduled");
    const cancelled = await sentAs(`appt_${appointmentId}_cancelled_dr`);
    expect(cancelled!.kind).toBe("clinician.cancelled");
    const bodies = (await recordedTo(to)).map((m) => m.body);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body).toMatch(/[\u0900-\u097F]/); // the doctor's language, Hindi
      expect(body).toContain("Simran G.");
    }

    // The doctor cancels another booking themselves: they are not told what they did.
    const other = await book(simran, doctor.user.uid, third.start);
    await sentAs(`appt_${other.appointmentId}_booked_dr`);
    await doctor.call("cancel", { appointmentId: other.appointmentId, reason: "On leave" });
    await sentAs(`appt_${other.appointmentId}_cancelled`);
    expect(await outbox(`appt_${other.appointmentId}_cancelled_dr`)).toBeUndefined();
    expect(await recordedTo(to)).toHaveLength(4);
  });
});

describe("messages to the doctor about changes (clinicianMessages: proven number, language, clock, quiet hours)", () => {
  /** A member of the clinic, so that its admin may suspend them. */
  async function member(doctor: Client) {
    const uid = doctor.user.uid;
    await admin()
      .db.doc(`organisations/${suite.org}/members/${uid}`)
      .set({ uid, role: "doctor", status: "active", since: new Date() });
  }
  const suspend = async (doctorUid: string, appointmentIds: string[]) => {
    const clinicAdmin = track(await orgAdmin(suite.org));
    const request = {
      uid: doctorUid,
      org: suite.org,
      status: "suspended",
      reason: "registration under review",
    };
    const preview = await clinicAdmin.call<{ affected: Array<{ appointmentId: string }> }>("setUserStatus", {
      ...request,
      dryRun: true,
    });
    expect(preview.affected.map((a) => a.appointmentId).sort()).toEqual([...appointmentIds].sort());
    return clinicAdmin.call<{ schedule: { changeId: string; cancelled: string[] } }>("setUserStatus", {
      ...request,
      confirmAffected: appointmentIds,
    });
  };

  it("a doctor whose number is not proven receives nothing about cancellations, proposals or a suspension", async () => {
    const typed = freshPhone();
    const doctor = await clinician(null);
    await member(doctor);
    await doctor.call("requestPhoneVerification", { phone: typed });
    await eventually(async () => (await recordedTo(typed)).length === 1, "the verification code");
    const simran = await patient();
    const [a, b, c, d, e] = await noonSlots(simran, doctor.user.uid);
    const booked = [];
    for (const slot of [a, b, c]) booked.push(await book(simran, doctor.user.uid, slot.start));
    for (const { appointmentId } of booked) await confirmed(appointmentId);
    await simran.call("cancel", { appointmentId: booked[0].appointmentId });
    await doctor.call("proposeTime", { appointmentId: booked[1].appointmentId, start: d.start });
    await simran.call("answerProposal", { appointmentId: booked[1].appointmentId, accept: true });
    await doctor.call("proposeTime", { appointmentId: booked[2].appointmentId, start: e.start });
    await simran.call("answerProposal", { appointmentId: booked[2].appointmentId, accept: false });
    const done = await suspend(doctor.user.uid, [booked[1].appointmentId]);
    expect(done.schedule.cancelled).toEqual([booked[1].appointmentId]);

    expect((await admin().db.doc(`scheduleChanges/${done.schedule.changeId}`).get()).get("state")).toBe(
      "done",
    );
    expect(await outbox(`schedule_${done.schedule.changeId}_done`)).toBeUndefined();
    expect((await messagesFor(doctor.user.uid)).map((m) => m.kind)).toEqual(["phone.verification"]);
    expect(await recordedTo(typed)).toHaveLength(1);
    // The patient was told of each change on their own proven number.
    const kinds = (await messagesFor(simran.user.uid)).map((m) => m.kind);
    expect(kinds.filter((k) => k === "appointment.cancelled")).toHaveLength(3);
    expect(kinds).toContain("appointment.rescheduled");
  });

  it("a proposal's answers and a suspension's summary reach the doctor in their language, naming the patient briefly", async () => {
    const to = freshPhone();
    const doctor = await clinician(to, { language: "pa" });
    await member(doctor);
    const simran = await patient();
    const [a, b, c, d] = await noonSlots(simran, doctor.user.uid);
    const first = await book(simran, doctor.user.uid, a.start);
    const second = await book(simran, doctor.user.uid, b.start);
    for (const { appointmentId } of [first, second]) await sentAs(`appt_${appointmentId}_booked_dr`);

    await doctor.call("proposeTime", { appointmentId: first.appointmentId, start: c.start });
    await simran.call("answerProposal", { appointmentId: first.appointmentId, accept: true });
    const accepted = (await messagesFor(doctor.user.uid)).find((m) => m.kind === "schedule.proposalAccepted");
    expect(accepted).toMatchObject({
      to,
      language: "pa",
      channel: "sms",
      appointmentId: first.appointmentId,
    });
    await doctor.call("proposeTime", { appointmentId: second.appointmentId, start: d.start });
    await simran.call("answerProposal", { appointmentId: second.appointmentId, accept: false });
    const declined = await sentAs(`appt_${second.appointmentId}_proposal_1_declined`);
    expect(declined).toMatchObject({ kind: "schedule.proposalDeclined", to, language: "pa" });
    // Declining cancels: the doctor hears of it once, as the proposal's answer.
    expect(await outbox(`appt_${second.appointmentId}_cancelled_dr`)).toBeUndefined();

    const done = await suspend(doctor.user.uid, [first.appointmentId]);
    const summary = await sentAs(`schedule_${done.schedule.changeId}_done`);
    expect(summary).toMatchObject({
      kind: "schedule.appointmentsChanged",
      recipientUid: doctor.user.uid,
      to,
      language: "pa",
      appointmentId: null,
    });
    await eventually(async () => (await recordedTo(to)).length === 5, "the doctor's five messages");
    const bodies = (await recordedTo(to)).map((m) => m.body);
    for (const body of bodies) expect(body).toMatch(/[\u0A00-\u0A7F]/); // Punjabi
    // Two bookings, the acceptance and the refusal name the patient; the summary only counts.
    expect(bodies.filter((body) => body.includes("Simran G."))).toHaveLength(4);
    expect(bodies.filter((body) => /1 ਮੁਲਾਕਾਤਾਂ ਰੱਦ, 0 /.test(body))).toHaveLength(1);
    expect(bodies.join(" ")).not.toMatch(/Kaur|Gill|1990|Ludhiana/);
  });
});
