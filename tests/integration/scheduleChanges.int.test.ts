// Schedules that change from the clinic's side (issue 14 item 4, docs/schedule-changes.md):
// proposals of a new time answered by the patient, and the cascades of a suspension or of leave
// over booked days, each with its preview and its acknowledgement. Proposals nobody answers, which
// scheduled work expires, are in proposalExpiry.int.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArogyaError } from "../../client/src";
import { admin, callError, type Client } from "../../tools/emulator-client";
import {
  ROUND_THE_CLOCK,
  appointmentsAt,
  approvedDoctor,
  auditFor,
  eventually,
  freeSlots,
  makeOrg,
  orgAdmin,
  recordedTo,
  type SlotView,
} from "./fixtures";
import { HOUR, appointment, book, outbox, scheduleChangeSuite, type Booked } from "./scheduleChangeFixtures";

const { suite, track, doctorWithPhone, patientWithPhone } = scheduleChangeSuite();

let clinicAdmin: Client;
beforeAll(async () => {
  clinicAdmin = track(await orgAdmin(suite.org));
});

/** The booking's own confirmations (to the patient and the doctor) are left out. */
const CONFIRMATIONS = ["appointment.booked", "clinician.booked"];
const outboxFor = async (appointmentId: string) =>
  (await admin().db.collection("outbox").where("appointmentId", "==", appointmentId).get()).docs
    .map((d) => ({ id: d.id, ...(d.data() as { kind: string; recipientUid: string; required: boolean }) }))
    .filter((m) => !CONFIRMATIONS.includes(m.kind));

/** Slots starting more than `hours` ahead (the proposal needs time for an answer). */
const ahead = (slots: SlotView[], hours: number) =>
  slots.filter((s) => Date.parse(s.start) > Date.now() + hours * HOUR);

describe("a proposed time", () => {
  it("the doctor proposes, the patient accepts: the appointment moves, both are told, the old slot is free", async () => {
    const { doctor, uid, phone: doctorPhone } = await doctorWithPhone();
    const { patient, phone: patientPhone } = await patientWithPhone();
    const slots = ahead(await freeSlots(patient, uid), 24);
    const booked = await book(patient, uid, slots[0]);
    const to = slots[6];

    const proposed = await doctor.call<{ proposal: { start: string; expiresAt: string; round: number } }>(
      "proposeTime",
      { appointmentId: booked.appointmentId, start: to.start, reason: "Clinic closes early that day" },
    );
    expect(proposed.proposal).toMatchObject({ start: to.start, round: 1 });
    // The patient sees the proposal on their appointment, under the appointments rule.
    const { getDoc, doc } = await import("firebase/firestore");
    const seen = (await getDoc(doc(patient.db, "appointments", booked.appointmentId))).data()!;
    expect(seen.proposal).toMatchObject({ status: "open", round: 1, reason: "Clinic closes early that day" });
    expect(seen.proposal.to.toDate().toISOString()).toBe(to.start);
    // The proposal message reaches the patient's proven number (the Twilio recorder).
    const sms = await eventually(
      async () => (await recordedTo(patientPhone)).find((m) => m.body.includes("asks to move")),
      "the proposal SMS",
    );
    expect(sms.body).toContain("Accept or decline in the app");

    const moved = await patient.call<Booked>("answerProposal", {
      appointmentId: booked.appointmentId,
      accept: true,
    });
    expect(moved).toMatchObject({ appointmentId: booked.appointmentId, start: to.start, status: "booked" });
    const stored = await appointment(booked.appointmentId);
    expect(stored.start.toDate().toISOString()).toBe(to.start);
    expect(stored.proposal).toMatchObject({ status: "accepted", openUntil: null });
    // The new time is booked on the doctor's schedule, the old one freed, no hold left behind.
    const scheduleAfter = (await admin().db.doc(`availability/${stored.doctorUid}`).get()).data()!;
    expect(scheduleAfter.booked).toMatchObject({ [String(Date.parse(to.start))]: stored.end.toMillis() });
    expect(scheduleAfter.booked[String(Date.parse(booked.start))]).toBeUndefined();
    expect(scheduleAfter.held).toEqual({});
    // Both told: the patient by the reschedule message, the doctor by the outcome.
    const kinds = (await outboxFor(booked.appointmentId)).map((m) => m.kind).sort();
    expect(kinds).toEqual(["appointment.proposed", "appointment.rescheduled", "schedule.proposalAccepted"]);
    await eventually(
      async () => (await recordedTo(doctorPhone)).find((m) => m.body.includes("was accepted")),
      "the doctor's SMS",
    );
    // The old slot is offered again.
    expect((await freeSlots(patient, uid)).map((s) => s.start)).toContain(slots[0].start);
    expect(await auditFor(booked.appointmentId, "appointment.proposed")).toHaveLength(1);
    expect(await auditFor(booked.appointmentId, "appointment.proposalAccepted")).toHaveLength(1);
    // Answering again: there is no open proposal any more.
    const again = await callError(
      patient.call("answerProposal", { appointmentId: booked.appointmentId, accept: true }),
    );
    expect(again.code).toBe("functions/failed-precondition");
    // The reason says why, for the app to explain it (schemas/errorReasons.ts).
    const answered = (await patient.arogya
      .answerProposal({ appointmentId: booked.appointmentId, accept: true })
      .catch((e: unknown) => e)) as ArogyaError;
    expect(answered.reason).toBe("no-open-proposal");
  });

  it("an admin of the clinic proposes, the patient declines: the appointment is cancelled, the doctor told", async () => {
    const { uid } = await doctorWithPhone();
    const { patient } = await patientWithPhone();
    const slots = ahead(await freeSlots(patient, uid), 24);
    const booked = await book(patient, uid, slots[0]);
    await clinicAdmin.call("proposeTime", { appointmentId: booked.appointmentId, start: slots[4].start });

    const declined = await patient.call<Booked>("answerProposal", {
      appointmentId: booked.appointmentId,
      accept: false,
    });
    expect(declined.status).toBe("cancelled");
    const stored = await appointment(booked.appointmentId);
    expect(stored).toMatchObject({ status: "cancelled", proposal: { status: "declined", openUntil: null } });
    expect(stored.start.toDate().toISOString()).toBe(slots[0].start);
    const messages = await outboxFor(booked.appointmentId);
    expect(messages.map((m) => m.kind).sort()).toEqual([
      "appointment.cancelled",
      "appointment.proposed",
      "schedule.proposalDeclined",
    ]);
    expect(messages.find((m) => m.kind === "schedule.proposalDeclined")).toMatchObject({ recipientUid: uid });
    // Both the original and the proposed slot are free.
    const free = (await freeSlots(patient, uid)).map((s) => s.start);
    expect(free).toEqual(expect.arrayContaining([slots[0].start, slots[4].start]));
    expect(await auditFor(booked.appointmentId, "appointment.proposalDeclined")).toHaveLength(1);
  });

  it("refuses a stranger, a taken slot and a past time, and writes nothing", async () => {
    const { doctor, uid } = await doctorWithPhone();
    const { patient } = await patientWithPhone();
    const { patient: other } = await patientWithPhone();
    const slots = ahead(await freeSlots(patient, uid), 24);
    const booked = await book(patient, uid, slots[0]);
    await book(other, uid, slots[3]);
    // The booking's confirmation settles first (a trigger after book answers), so it does not
    // count as a change the refusals made.
    await eventually(
      async () => (await appointment(booked.appointmentId)).confirmation !== "pending",
      "the booking confirmation",
    );
    const before = await appointment(booked.appointmentId);
    const otherDoctor = track(await approvedDoctor(suite.org));
    const foreignAdmin = track(await orgAdmin(await makeOrg()));
    const request = { appointmentId: booked.appointmentId, start: slots[5].start };

    for (const stranger of [patient, other, otherDoctor, foreignAdmin]) {
      expect((await callError(stranger.call("proposeTime", request))).code).toBe(
        "functions/permission-denied",
      );
    }
    const taken = await callError(doctor.call("proposeTime", { ...request, start: slots[3].start }));
    expect(taken.code).toBe("functions/already-exists");
    const past = await callError(
      doctor.call("proposeTime", { ...request, start: new Date(Date.now() - HOUR).toISOString() }),
    );
    expect(past.code).toBe("functions/failed-precondition");
    const missing = await callError(
      doctor.call("proposeTime", { ...request, appointmentId: "no-such-appointment" }),
    );
    expect(missing.code).toBe("functions/not-found");

    expect(await appointment(booked.appointmentId)).toEqual(before);
    expect((await outboxFor(booked.appointmentId)).filter((m) => m.kind === "appointment.proposed")).toEqual(
      [],
    );
    expect(await auditFor(booked.appointmentId, "appointment.proposed")).toEqual([]);
    // Only the patient answers.
    await doctor.call("proposeTime", request);
    const byDoctor = await callError(
      doctor.call("answerProposal", { appointmentId: booked.appointmentId, accept: true }),
    );
    expect(byDoctor.code).toBe("functions/permission-denied");
    const reasons = await Promise.all([
      doctor.arogya
        .answerProposal({ appointmentId: booked.appointmentId, accept: true })
        .catch((e: unknown) => e),
      other.arogya.proposeTime(request).catch((e: unknown) => e),
    ]);
    expect(reasons.map((e) => (e as ArogyaError).reason)).toEqual(["not-patient", "not-clinic"]);
    expect((await appointment(booked.appointmentId)).start.toDate().toISOString()).toBe(slots[0].start);
  });

  it("accepting while another patient books the proposed slot: exactly one gets it", async () => {
    const { doctor, uid } = await doctorWithPhone();
    const { patient } = await patientWithPhone();
    const { patient: rival } = await patientWithPhone();
    const slots = ahead(await freeSlots(patient, uid), 24);
    const booked = await book(patient, uid, slots[0]);
    const to = slots[2];
    await doctor.call("proposeTime", { appointmentId: booked.appointmentId, start: to.start });

    const [accepted, rivalBooked] = await Promise.allSettled([
      patient.call<Booked>("answerProposal", { appointmentId: booked.appointmentId, accept: true }),
      rival.call<Booked>("book", {
        doctorUid: uid,
        start: to.start,
        mode: "video",
        idempotencyKey: randomUUID(),
      }),
    ]);
    const winners = [accepted, rivalBooked].filter((r) => r.status === "fulfilled");
    expect(winners).toHaveLength(1);
    const loser = [accepted, rivalBooked].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((loser.reason as { code: string }).code).toBe("functions/already-exists");
    const atSlot = (await appointmentsAt(uid, to.start)).filter(
      (a) => (a as { status?: string }).status === "booked",
    );
    expect(atSlot).toHaveLength(1);
    const stored = await appointment(booked.appointmentId);
    if (accepted.status === "fulfilled") {
      expect(stored.start.toDate().toISOString()).toBe(to.start);
    } else {
      // The patient keeps their time; the proposal stays open until its deadline.
      expect(stored.start.toDate().toISOString()).toBe(slots[0].start);
      expect(stored.proposal.status).toBe("open");
    }
  });
});

describe("a suspended doctor", () => {
  it("preview lists every upcoming appointment; the suspension must confirm them, then cancels and tells everyone", async () => {
    const { uid } = await doctorWithPhone();
    const a = await patientWithPhone();
    const b = await patientWithPhone();
    const slots = ahead(await freeSlots(a.patient, uid), 6);
    const first = await book(a.patient, uid, slots[0]);
    const second = await book(b.patient, uid, slots[5]);
    const request = { uid, org: suite.org, status: "suspended", reason: "registration under review" };

    const preview = await clinicAdmin.call<{ dryRun: boolean; affected: Array<{ appointmentId: string }> }>(
      "setUserStatus",
      { ...request, dryRun: true },
    );
    expect(preview.dryRun).toBe(true);
    expect(preview.affected.map((x) => x.appointmentId)).toEqual([first.appointmentId, second.appointmentId]);
    expect((await admin().db.doc(`doctors/${uid}`).get()).get("status")).toBe("approved");

    // Without acknowledging them (or acknowledging only one), nothing happens.
    for (const acknowledged of [{}, { confirmAffected: [first.appointmentId] }]) {
      const refused = await callError(clinicAdmin.call("setUserStatus", { ...request, ...acknowledged }));
      expect(refused.code).toBe("functions/failed-precondition");
    }
    expect((await admin().db.doc(`doctors/${uid}`).get()).get("status")).toBe("approved");
    expect((await admin().db.doc(`organisations/${suite.org}/members/${uid}`).get()).get("status")).toBe(
      "active",
    );
    expect((await appointment(first.appointmentId)).status).toBe("booked");
    expect(await auditFor(uid, "admin.userSuspended")).toEqual([]);
    // The refusal carries its reason and the list to confirm, as the app receives them.
    const unconfirmed = (await clinicAdmin.arogya
      .setUserStatus({ uid, org: suite.org, status: "suspended", reason: "registration under review" })
      .catch((e: unknown) => e)) as ArogyaError;
    expect(unconfirmed.reason).toBe("affected-appointments");
    expect(
      (unconfirmed.details.affected as Array<{ appointmentId: string }>).map((x) => x.appointmentId),
    ).toEqual([first.appointmentId, second.appointmentId]);

    const done = await clinicAdmin.call<{ schedule: { cancelled: string[]; changeId: string } }>(
      "setUserStatus",
      {
        ...request,
        confirmAffected: [second.appointmentId, first.appointmentId],
      },
    );
    expect(done.schedule.cancelled.sort()).toEqual([first.appointmentId, second.appointmentId].sort());
    for (const [booked, patient] of [
      [first, a.patient],
      [second, b.patient],
    ] as const) {
      const stored = await appointment(booked.appointmentId);
      expect(stored.status).toBe("cancelled");
      expect(stored.history.at(-1)).toMatchObject({
        event: "cancelled",
        reason: "registration under review",
      });
      expect(await outbox(`appt_${booked.appointmentId}_cancelled`)).toMatchObject({
        required: true,
        recipientUid: patient.user.uid,
      });
      expect((await admin().db.doc(`slotLocks/${stored.slotLockId}`).get()).exists).toBe(false);
      const bookedTime = (await admin().db.doc(`availability/${uid}`).get()).get("booked") ?? {};
      expect(bookedTime[String(stored.start.toMillis())]).toBeUndefined();
      expect(await auditFor(booked.appointmentId, "appointment.cancelled")).toHaveLength(1);
    }
    expect(await outbox(`schedule_${done.schedule.changeId}_done`)).toMatchObject({
      kind: "schedule.appointmentsChanged",
      recipientUid: uid,
    });
    expect((await admin().db.doc(`scheduleChanges/${done.schedule.changeId}`).get()).get("state")).toBe(
      "done",
    );
    expect(await auditFor(done.schedule.changeId, "schedule.changeApplied")).toHaveLength(1);
    expect(Object.keys((await admin().db.doc(`availability/${uid}`).get()).get("booked") ?? {})).toEqual([]);
  });
});

describe("leave over booked days", () => {
  async function twoDaysOfBookings() {
    const { doctor, uid } = await doctorWithPhone();
    const patients = [await patientWithPhone(), await patientWithPhone(), await patientWithPhone()];
    const slots = ahead(await freeSlots(patients[0].patient, uid, 8), 48);
    const day = slots[0].localDate;
    const onDay = slots.filter((s) => s.localDate === day);
    const nextDay = slots.filter((s) => s.localDate > day);
    const leaveDay = [
      await book(patients[0].patient, uid, onDay[0]),
      await book(patients[1].patient, uid, onDay[4]),
    ];
    const kept = await book(patients[2].patient, uid, nextDay[8]);
    const withLeave = {
      doctorUid: uid,
      availability: { ...ROUND_THE_CLOCK, leave: [{ from: day, to: day, note: "Leave" }] },
    };
    return { doctor, uid, patients, leaveDay, kept, nextDay, withLeave };
  }

  it("preview lists the appointments on the leave day; confirmed, one is cancelled and one offered a new time", async () => {
    const { doctor, uid, leaveDay, kept, nextDay, withLeave } = await twoDaysOfBookings();
    const before = (await admin().db.doc(`availability/${uid}`).get()).data();
    const preview = await doctor.call<{ affected: Array<{ appointmentId: string; reason: string }> }>(
      "setAvailability",
      { ...withLeave, dryRun: true },
    );
    expect(preview.affected).toEqual([
      expect.objectContaining({ appointmentId: leaveDay[0].appointmentId, reason: "leave" }),
      expect.objectContaining({ appointmentId: leaveDay[1].appointmentId, reason: "leave" }),
    ]);
    expect((await admin().db.doc(`availability/${uid}`).get()).data()).toEqual(before);

    const refused = await callError(doctor.call("setAvailability", withLeave));
    expect(refused.code).toBe("functions/failed-precondition");
    expect((await admin().db.doc(`availability/${uid}`).get()).data()).toEqual(before);

    const result = await doctor.call<{ schedule: { cancelled: string[]; proposed: string[] } }>(
      "setAvailability",
      {
        ...withLeave,
        affected: {
          confirm: preview.affected.map((x) => x.appointmentId),
          reason: "Doctor on leave",
          propose: { [leaveDay[1].appointmentId]: nextDay[2].start },
        },
      },
    );
    expect(result.schedule).toMatchObject({
      cancelled: [leaveDay[0].appointmentId],
      proposed: [leaveDay[1].appointmentId],
    });
    expect((await appointment(leaveDay[0].appointmentId)).status).toBe("cancelled");
    const proposedTo = await appointment(leaveDay[1].appointmentId);
    expect(proposedTo).toMatchObject({
      status: "booked",
      proposal: { status: "open", reason: "Doctor on leave" },
    });
    expect(proposedTo.proposal.to.toDate().toISOString()).toBe(nextDay[2].start);
    expect(await outbox(`appt_${leaveDay[1].appointmentId}_proposed_1`)).toMatchObject({
      kind: "appointment.proposed",
    });
    expect((await appointment(kept.appointmentId)).status).toBe("booked");
    expect((await admin().db.doc(`availability/${uid}`).get()).get("leave")).toHaveLength(1);
    expect(await auditFor(uid, "availability.updated")).toHaveLength(1);
  });

  it("a booking made between the preview and the confirmation refuses the change, which writes nothing", async () => {
    const { doctor, uid, leaveDay, withLeave } = await twoDaysOfBookings();
    const preview = await doctor.call<{ affected: Array<{ appointmentId: string }> }>("setAvailability", {
      ...withLeave,
      dryRun: true,
    });
    const { patient: late } = await patientWithPhone();
    const day = withLeave.availability.leave[0].from;
    const stillFree = ahead(await freeSlots(late, uid, 8), 48).find((s) => s.localDate === day)!;
    await book(late, uid, stillFree);
    const before = (await admin().db.doc(`availability/${uid}`).get()).data();

    const refused = await callError(
      doctor.call("setAvailability", {
        ...withLeave,
        affected: { confirm: preview.affected.map((x) => x.appointmentId), reason: "Doctor on leave" },
      }),
    );
    expect(refused.code).toBe("functions/failed-precondition");
    expect((await admin().db.doc(`availability/${uid}`).get()).data()).toEqual(before);
    for (const booked of leaveDay) expect((await appointment(booked.appointmentId)).status).toBe("booked");
    expect((await admin().db.collection("scheduleChanges").where("doctorUid", "==", uid).get()).size).toBe(0);
  });
});
