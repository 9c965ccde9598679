import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp, signUpMany } from "../../tools/emulator-client";
import {
  ROUND_THE_CLOCK,
  appointmentsAt,
  approvedDoctor,
  auditFor,
  eventually,
  freeSlots,
  makeOrg,
  orgAdmin,
  slotAhead,
} from "./fixtures";
import { trackClients } from "./clients";

const track = trackClients();

interface Booked {
  appointmentId: string;
  start: string;
  end: string;
  status: string;
  patientUid: string;
  doctorUid: string;
  localTime: string;
  timezone: string;
}

let org: string;
beforeAll(async () => {
  org = await makeOrg();
});

/**
 * The booking's audit entries, once the appointment-created trigger has written them (book
 * leaves its audit entry and event to the trigger: services/booking/bookAppointment.ts).
 */
async function bookedAudit(appointmentId: string) {
  await eventually(
    async () => (await auditFor(appointmentId, "appointment.booked")).length > 0,
    "the booking's audit entry",
  );
  return auditFor(appointmentId, "appointment.booked");
}

/** The doctor's schedule document (availability, with booked and held time). */
const schedule = async (doctorUid: string) =>
  (await admin().db.doc(`availability/${doctorUid}`).get()).data()!;

/** A new doctor of the suite's organisation, a new patient, and a free slot six hours or more ahead. */
async function doctorPatientSlot() {
  const doctor = track(await approvedDoctor(org));
  const patient = track(await signUp());
  const slot = slotAhead(await freeSlots(patient, doctor.user.uid), 6);
  return { doctor, patient, slot };
}

/** A refused booking left the doctor no slot lock, and nothing booked or held on the schedule. */
async function expectNothingHeld(doctorUid: string) {
  expect((await admin().db.collection("slotLocks").where("doctorUid", "==", doctorUid).get()).size).toBe(0);
  const after = await schedule(doctorUid);
  expect(after.booked ?? {}).toEqual({});
  expect(after.held ?? {}).toEqual({});
}

describe("availability", () => {
  it("the doctor sets it; overlapping hours and unknown zones are refused and nothing is written", async () => {
    const doctor = track(await approvedDoctor(org));
    const uid = doctor.user.uid;
    const before = (await admin().db.doc(`availability/${uid}`).get()).data();
    const overlapping = await callError(
      doctor.call("setAvailability", {
        doctorUid: uid,
        availability: {
          timezone: "Asia/Kolkata",
          slotMinutes: 15,
          modes: ["video"],
          weekly: {
            mon: [
              { start: "09:00", end: "12:00" },
              { start: "11:00", end: "13:00" },
            ],
          },
        },
      }),
    );
    expect(overlapping.code).toBe("functions/invalid-argument");
    expect(overlapping.message).toContain("weekly.mon: intervals 09:00-12:00 and 11:00-13:00 overlap");
    const badZone = await callError(
      doctor.call("setAvailability", {
        doctorUid: uid,
        availability: { timezone: "Asia/Punjab", slotMinutes: 0, modes: ["video"], weekly: {} },
      }),
    );
    expect(badZone.message).toContain("availability.timezone: is not a known IANA timezone");
    expect(badZone.message).toContain("availability.slotMinutes:");
    expect((await admin().db.doc(`availability/${uid}`).get()).data()).toEqual(before);

    const result = await doctor.call<{ availability: { minNoticeMinutes: number } }>("setAvailability", {
      doctorUid: uid,
      availability: {
        timezone: "Asia/Kolkata",
        slotMinutes: 20,
        bufferAfterMinutes: 10,
        modes: ["video"],
        weekly: { mon: [{ start: "09:00", end: "13:00" }] },
        leave: [{ from: "2026-12-24", to: "2026-12-31" }],
      },
    });
    expect(result.availability.minNoticeMinutes).toBe(60);
    expect((await admin().db.doc(`availability/${uid}`).get()).data()).toMatchObject({
      slotMinutes: 20,
      bufferAfterMinutes: 10,
      updatedBy: uid,
    });
    expect(await auditFor(uid, "availability.updated")).toHaveLength(1);
  });

  it("an admin of the doctor's organisation may set it; another doctor or another organisation's admin may not", async () => {
    const doctor = track(await approvedDoctor(org));
    const request = {
      doctorUid: doctor.user.uid,
      availability: {
        timezone: "Asia/Kolkata",
        slotMinutes: 30,
        modes: ["video"],
        weekly: { tue: [{ start: "10:00", end: "12:00" }] },
      },
    };
    const otherDoctor = track(await approvedDoctor(org));
    expect((await callError(otherDoctor.call("setAvailability", request))).code).toBe(
      "functions/permission-denied",
    );
    const foreignAdmin = track(await orgAdmin(await makeOrg()));
    expect((await callError(foreignAdmin.call("setAvailability", request))).code).toBe(
      "functions/permission-denied",
    );
    const ownAdmin = track(await orgAdmin(org));
    await expect(ownAdmin.call("setAvailability", request)).resolves.toMatchObject({
      doctorUid: doctor.user.uid,
    });
  });
});

describe("book", () => {
  it("books a listed slot: appointment, booked time on the schedule, audit entry; the slot is no longer listed", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
    });
    expect(booked).toMatchObject({
      start: slot.start,
      end: slot.end,
      status: "booked",
      patientUid: patient.user.uid,
      doctorUid: doctor.user.uid,
      timezone: "Asia/Kolkata",
      localTime: slot.localTime,
    });
    const stored = (await admin().db.doc(`appointments/${booked.appointmentId}`).get()).data()!;
    expect(stored).toMatchObject({ org, mode: "video", status: "booked" });
    expect(stored.history).toEqual([
      expect.objectContaining({ event: "booked", by: patient.user.uid, role: "patient" }),
    ]);
    // The slot is taken on the doctor's schedule, in the booking's own commit; no lock document.
    expect((await schedule(doctor.user.uid)).booked).toMatchObject({
      [String(Date.parse(slot.start))]: Date.parse(slot.end),
    });
    expect((await admin().db.doc(`slotLocks/${stored.slotLockId}`).get()).exists).toBe(false);
    expect((await freeSlots(patient, doctor.user.uid)).map((s) => s.start)).not.toContain(slot.start);
    // The audit entry and event come from the appointment-created trigger, once, under ids
    // derived from the appointment's, at the booking's time. (The emulator gives a callable no
    // IP; the origin's way through bookedFrom: atomicRecords, sms and voice suites.)
    const audit = await bookedAudit(booked.appointmentId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUid: patient.user.uid,
      actorRole: "patient",
      org,
      target: { type: "appointment", id: booked.appointmentId },
      at: stored.createdAt,
    });
    expect((await admin().db.doc(`auditLog/appointment.booked:${booked.appointmentId}`).get()).exists).toBe(
      true,
    );
    expect((await admin().db.doc(`events/appointment.booked:${booked.appointmentId}`).get()).exists).toBe(
      true,
    );
    // The appointment keeps who booked it (its history), not where from: that is the audit's.
    const settled = (await admin().db.doc(`appointments/${booked.appointmentId}`).get()).data()!;
    expect(settled.confirmation).not.toBe("pending");
    expect(settled.bookedFrom).toBeUndefined();
  });

  it("a retry with the same idempotency key returns the first appointment and creates nothing", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const request = {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
      idempotencyKey: randomUUID(),
    };
    const [first, second] = await Promise.all(
      [patient.call<Booked>("book", request), patient.call<Booked>("book", request)].map((p) =>
        p.catch((e) => e),
      ),
    );
    const third = await patient.call<Booked>("book", request);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await appointmentsAt(doctor.user.uid, slot.start)).toHaveLength(1);
    expect(await bookedAudit(first.appointmentId)).toHaveLength(1);
    const reused = await callError(
      patient.call("book", {
        ...request,
        start: slotAhead(await freeSlots(patient, doctor.user.uid), 6, 1).start,
      }),
    );
    expect(reused).toEqual({
      code: "functions/already-exists",
      message: "this idempotency key was already used for a different request",
    });
  });

  it("a replay after the appointment changed answers it as it is now, not the stale booked answer", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const slots = await freeSlots(patient, doctor.user.uid);
    const request = {
      doctorUid: doctor.user.uid,
      start: slotAhead(slots, 6).start,
      mode: "video",
      idempotencyKey: randomUUID(),
    };
    const first = await patient.call<Booked>("book", request);
    const move = {
      appointmentId: first.appointmentId,
      start: slotAhead(slots, 6, 2).start,
      idempotencyKey: randomUUID(),
    };
    const moved = await patient.call<Booked>("reschedule", move);
    const cancelled = await patient.call<Booked>("cancel", { appointmentId: first.appointmentId });
    expect(cancelled.status).toBe("cancelled");
    expect(await patient.call<Booked>("book", request)).toEqual(cancelled);
    expect(await patient.call<Booked>("reschedule", move)).toEqual({ ...moved, status: "cancelled" });
    const mine = await admin()
      .db.collection("appointments")
      .where("patientUid", "==", patient.user.uid)
      .get();
    expect(mine.size).toBe(1);
  });

  it("refuses a time the doctor does not offer, a bad request and a non-patient; nothing is written", async () => {
    const doctor = track(
      await approvedDoctor(org, {
        timezone: "Asia/Kolkata",
        slotMinutes: 30,
        minNoticeMinutes: 0,
        horizonDays: 30,
        modes: ["video"],
        weekly: { mon: [{ start: "09:00", end: "10:00" }] },
      }),
    );
    const patient = track(await signUp());
    const offGrid = new Date(Date.now() + 3 * 86_400_000);
    offGrid.setUTCMinutes(7, 0, 0);
    const notOffered = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: offGrid.toISOString(), mode: "video" }),
    );
    expect(notOffered.code).toBe("functions/failed-precondition");
    const bad = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: "tomorrow at nine", mode: "phone" }),
    );
    expect(bad.code).toBe("functions/invalid-argument");
    expect(bad.message).toContain("start: must be an ISO 8601 instant");
    expect(bad.message).toContain("mode:");
    const slot = slotAhead(await freeSlots(patient, doctor.user.uid, 8), 0);
    const inPerson = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "in_person" }),
    );
    expect(inPerson).toEqual({
      code: "functions/invalid-argument",
      message: "mode: this doctor offers video",
    });
    expect(
      (await callError(doctor.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" })))
        .code,
    ).toBe("functions/permission-denied");
    expect(
      (
        await callError(
          patient.call("book", { doctorUid: "no-such-doctor", start: slot.start, mode: "video" }),
        )
      ).code,
    ).toBe("functions/not-found");
    const mine = await admin()
      .db.collection("appointments")
      .where("patientUid", "==", patient.user.uid)
      .get();
    expect(mine.size).toBe(0);
    await expectNothingHeld(doctor.user.uid);
  });

  it("a patient cannot hold two overlapping appointments, even with two doctors", async () => {
    const a = track(await approvedDoctor(org));
    const b = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const slot = slotAhead(await freeSlots(patient, a.user.uid), 6);
    await patient.call("book", { doctorUid: a.user.uid, start: slot.start, mode: "video" });
    const clash = await callError(
      patient.call("book", { doctorUid: b.user.uid, start: slot.start, mode: "video" }),
    );
    expect(clash).toEqual({
      code: "functions/failed-precondition",
      message: "you already have an appointment at that time",
    });
    expect(await appointmentsAt(b.user.uid, slot.start)).toHaveLength(0);
  });

  it("concurrent bookings by one patient at one time with two doctors: one succeeds", async () => {
    const a = track(await approvedDoctor(org));
    const b = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const slot = slotAhead(await freeSlots(patient, a.user.uid), 6);
    const results = await Promise.allSettled(
      [a, b, a, b].map((d) =>
        patient.call("book", { doctorUid: d.user.uid, start: slot.start, mode: "video" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const mine = await admin()
      .db.collection("appointments")
      .where("patientUid", "==", patient.user.uid)
      .get();
    expect(mine.size).toBe(1);
  });

  it("limits a patient to three upcoming appointments", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const slots = (await freeSlots(patient, doctor.user.uid)).filter(
      (s) => Date.parse(s.start) > Date.now() + 6 * 3_600_000,
    );
    for (const s of slots.slice(0, 3))
      await patient.call("book", { doctorUid: doctor.user.uid, start: s.start, mode: "video" });
    const fourth = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: slots[3].start, mode: "video" }),
    );
    expect(fourth).toEqual({
      code: "functions/resource-exhausted",
      message: "a patient may hold at most 3 upcoming appointments",
    });
  });
});

describe("slot holds", () => {
  /** A reschedule's hold in flight on the doctor's schedule (services/booking/slotHold.ts). */
  async function holdFor(doctorUid: string, start: string, untilMs: number) {
    const startMs = Date.parse(start);
    await admin()
      .db.doc(`availability/${doctorUid}`)
      .update({
        [`held.${startMs}`]: { end: startMs + 30 * 60_000, until: untilMs, claim: "other-claim" },
      });
    return String(startMs);
  }

  it("a slot being booked right now is not listed and cannot be taken", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    await holdFor(doctor.user.uid, slot.start, Date.now() + 60_000);
    expect((await freeSlots(patient, doctor.user.uid)).map((s) => s.start)).not.toContain(slot.start);
    expect(
      (
        await callError(
          patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
        )
      ).code,
    ).toBe("functions/already-exists");
  });

  it("a hold whose holder died is taken over once its lease has ended", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const key = await holdFor(doctor.user.uid, slot.start, Date.now() - 1_000);
    expect((await freeSlots(patient, doctor.user.uid)).map((s) => s.start)).toContain(slot.start);
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
    });
    expect(booked).toMatchObject({ start: slot.start, patientUid: patient.user.uid });
    const after = await schedule(doctor.user.uid);
    expect(after.booked).toMatchObject({ [key]: Date.parse(slot.end) });
    // The dead hold is dropped by the booking's write.
    expect(after.held).toEqual({});
  });

  it("a refused booking holds nothing", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const refused = await callError(
      patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "carrier-pigeon" }),
    );
    expect(refused.code).toBe("functions/invalid-argument");
    const wrongMode = { ...ROUND_THE_CLOCK, modes: ["in_person"] };
    await admin().db.doc(`availability/${doctor.user.uid}`).set(wrongMode, { merge: true });
    expect(
      (
        await callError(
          patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
        )
      ).code,
    ).toBe("functions/invalid-argument");
    await expectNothingHeld(doctor.user.uid);
  });

  it("a refused reschedule gives its hold back, and a dead one is taken over", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const slots = (await freeSlots(patient, doctor.user.uid)).filter(
      (s) => Date.parse(s.start) > Date.now() + 48 * 3_600_000,
    );
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slots[0].start,
      mode: "video",
    });
    // The doctor stops offering video at the new time after the hold: the move is refused.
    const videoless = slots[5];
    await admin()
      .db.doc(`availability/${doctor.user.uid}`)
      .update({ modes: ["in_person"] });
    const refused = await callError(
      patient.call("reschedule", { appointmentId: booked.appointmentId, start: videoless.start }),
    );
    expect(refused.code).toBe("functions/failed-precondition");
    const afterRefusal = await schedule(doctor.user.uid);
    expect(afterRefusal.held ?? {}).toEqual({});
    expect(Object.keys(afterRefusal.booked)).toEqual([String(Date.parse(slots[0].start))]);
    expect(
      (await admin().db.doc(`appointments/${booked.appointmentId}`).get())
        .get("start")
        .toDate()
        .toISOString(),
    ).toBe(slots[0].start);

    // A hold whose holder died no longer stands in the way of a move.
    await admin()
      .db.doc(`availability/${doctor.user.uid}`)
      .update({ modes: ["video", "in_person"] });
    const key = await holdFor(doctor.user.uid, slots[6].start, Date.now() - 1_000);
    const moved = await patient.call<Booked>("reschedule", {
      appointmentId: booked.appointmentId,
      start: slots[6].start,
    });
    expect(moved.start).toBe(slots[6].start);
    const afterMove = await schedule(doctor.user.uid);
    expect(afterMove.booked).toEqual({ [key]: Date.parse(slots[6].end) });
    expect(afterMove.held).toEqual({});
  });
});

describe("reschedule", () => {
  it("moves the appointment: the new slot is taken and the old one freed in one step", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const other = track(await signUp());
    const slots = await freeSlots(patient, doctor.user.uid);
    const [from, to] = [slotAhead(slots, 6, 0), slotAhead(slots, 6, 3)];
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: from.start,
      mode: "video",
    });
    const moved = await patient.call<Booked>("reschedule", {
      appointmentId: booked.appointmentId,
      start: to.start,
    });
    expect(moved).toMatchObject({ appointmentId: booked.appointmentId, start: to.start, status: "booked" });
    const stored = (await admin().db.doc(`appointments/${booked.appointmentId}`).get()).data()!;
    expect(stored.history.map((h: { event: string }) => h.event)).toEqual(["booked", "rescheduled"]);
    // The old slot is offered again and can be booked by someone else.
    await expect(
      other.call("book", { doctorUid: doctor.user.uid, start: from.start, mode: "video" }),
    ).resolves.toMatchObject({ start: from.start });
    expect(await auditFor(booked.appointmentId, "appointment.rescheduled")).toHaveLength(1);
  });

  it("concurrent reschedules into one slot: one succeeds, the others keep their appointments", async () => {
    const doctor = track(await approvedDoctor(org));
    const patients = (await signUpMany(10)).map(track);
    const slots = (await freeSlots(patients[0], doctor.user.uid)).filter(
      (s) => Date.parse(s.start) > Date.now() + 6 * 3_600_000,
    );
    const target = slots[0];
    const booked = await Promise.all(
      patients.map((p, i) =>
        p.call<Booked>("book", { doctorUid: doctor.user.uid, start: slots[i + 1].start, mode: "video" }),
      ),
    );
    const results = await Promise.allSettled(
      patients.map((p, i) =>
        p.call<Booked>("reschedule", { appointmentId: booked[i].appointmentId, start: target.start }),
      ),
    );
    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason.code).toBe("functions/already-exists");
    expect(await appointmentsAt(doctor.user.uid, target.start)).toHaveLength(1);
    for (const [i, b] of booked.entries()) {
      if (i === winners[0]) continue;
      expect(
        (await admin().db.doc(`appointments/${b.appointmentId}`).get()).get("start").toDate().toISOString(),
      ).toBe(b.start);
    }
  });

  it("only the patient reschedules, not into a taken slot, and not with a bad id", async () => {
    const doctor = track(await approvedDoctor(org));
    const [p1, p2] = [track(await signUp()), track(await signUp())];
    const slots = await freeSlots(p1, doctor.user.uid);
    const a = await p1.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slotAhead(slots, 6, 0).start,
      mode: "video",
    });
    const b = await p2.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slotAhead(slots, 6, 1).start,
      mode: "video",
    });
    expect(
      (
        await callError(
          p2.call("reschedule", { appointmentId: a.appointmentId, start: slotAhead(slots, 6, 2).start }),
        )
      ).code,
    ).toBe("functions/permission-denied");
    expect(
      (await callError(p1.call("reschedule", { appointmentId: a.appointmentId, start: b.start }))).code,
    ).toBe("functions/already-exists");
    expect((await callError(p1.call("reschedule", { appointmentId: "nope", start: b.start }))).code).toBe(
      "functions/not-found",
    );
    expect(
      (await admin().db.doc(`appointments/${a.appointmentId}`).get()).get("start").toDate().toISOString(),
    ).toBe(a.start);
  });
});

describe("cancel", () => {
  it("the patient cancels: the slot is free again; a retry answers the same", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
    });
    const cancelled = await patient.call<Booked>("cancel", { appointmentId: booked.appointmentId });
    expect(cancelled.status).toBe("cancelled");
    expect(await patient.call("cancel", { appointmentId: booked.appointmentId })).toEqual(cancelled);
    expect(await auditFor(booked.appointmentId, "appointment.cancelled")).toHaveLength(1);
    expect((await freeSlots(patient, doctor.user.uid)).map((s) => s.start)).toContain(slot.start);
    await expect(
      patient.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" }),
    ).resolves.toMatchObject({ status: "booked" });
  });

  it("the patient cannot cancel inside the cut-off; the doctor can, with a reason; strangers cannot", async () => {
    const doctor = track(await approvedDoctor(org));
    const patient = track(await signUp());
    const stranger = track(await signUp());
    const soon = (await freeSlots(patient, doctor.user.uid, 1))[0];
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: soon.start,
      mode: "video",
    });
    const late = await callError(patient.call("cancel", { appointmentId: booked.appointmentId }));
    expect(late.code).toBe("functions/failed-precondition");
    expect(late.message).toContain("up to 120 minutes before the start");
    expect(
      (await callError(stranger.call("cancel", { appointmentId: booked.appointmentId, reason: "because" })))
        .code,
    ).toBe("functions/permission-denied");
    expect((await callError(doctor.call("cancel", { appointmentId: booked.appointmentId }))).code).toBe(
      "functions/invalid-argument",
    );
    expect((await admin().db.doc(`appointments/${booked.appointmentId}`).get()).get("status")).toBe("booked");
    const cancelled = await doctor.call<Booked>("cancel", {
      appointmentId: booked.appointmentId,
      reason: "Doctor called to an emergency",
    });
    expect(cancelled.status).toBe("cancelled");
    const stored = (await admin().db.doc(`appointments/${booked.appointmentId}`).get()).data()!;
    expect(stored.history.at(-1)).toMatchObject({
      event: "cancelled",
      by: doctor.user.uid,
      role: "doctor",
      reason: "Doctor called to an emergency",
    });
  });

  it("an outcome cannot be recorded before the appointment starts", async () => {
    const { doctor, patient, slot } = await doctorPatientSlot();
    const booked = await patient.call<Booked>("book", {
      doctorUid: doctor.user.uid,
      start: slot.start,
      mode: "video",
    });
    const early = await callError(
      doctor.call("recordOutcome", { appointmentId: booked.appointmentId, status: "no_show" }),
    );
    expect(early).toEqual({
      code: "functions/failed-precondition",
      message: "the appointment has not started yet",
    });
    expect(
      (
        await callError(
          patient.call("recordOutcome", { appointmentId: booked.appointmentId, status: "completed" }),
        )
      ).code,
    ).toBe("functions/permission-denied");
  });
});
