// The doctor's schedule document (availability/{doctorUid}) carries the doctor's status and
// organisation, so that `book` and `listSlots` read it instead of the profile (issue 18). These
// tests show the copy following every change of the profile's status, so a suspended doctor is
// never booked through a stale copy.
import { beforeAll, describe, expect, it } from "vitest";
import { admin, callError, signUp } from "../../tools/emulator-client";
import { approvedDoctor, freeSlots, makeOrg, orgAdmin, type SlotView } from "./fixtures";
import { trackClients } from "./clients";

const track = trackClients();

let org: string;
beforeAll(async () => {
  org = await makeOrg();
});

const scheduleOf = async (uid: string) => (await admin().db.doc(`availability/${uid}`).get()).data()!;
const later = (slots: SlotView[], index: number) =>
  slots.filter((s) => Date.parse(s.start) > Date.now() + 6 * 3_600_000)[index];

describe("the doctor on the schedule document", () => {
  it("the first booking copies the status there; suspending and reinstating move it with the profile", async () => {
    const doctor = track(await approvedDoctor(org));
    const uid = doctor.user.uid;
    const patient = track(await signUp());
    const clinic = track(await orgAdmin(org));
    // The organisation's membership, as the approval of an application writes it.
    const since = new Date("2025-01-15T06:00:00Z");
    await admin()
      .db.doc(`organisations/${org}/members/${uid}`)
      .set({ uid, role: "doctor", status: "active", since });
    // A schedule written before the copy existed (as the fixture writes it): the profile is read.
    expect(await scheduleOf(uid)).not.toHaveProperty("doctor");
    const slots = await freeSlots(patient, uid);
    const booked = await patient.call<{ appointmentId: string }>("book", {
      doctorUid: uid,
      start: later(slots, 0).start,
      mode: "video",
    });
    expect((await scheduleOf(uid)).doctor).toEqual({ status: "approved", org });

    // Suspending a doctor with a booked appointment: previewed, then confirmed (docs/schedule-changes.md).
    const suspend = { uid, org, status: "suspended", reason: "under review" };
    const preview = await clinic.call<{ affected: Array<{ appointmentId: string }> }>("setUserStatus", {
      ...suspend,
      dryRun: true,
    });
    expect(preview.affected.map((a) => a.appointmentId)).toEqual([booked.appointmentId]);
    await clinic.call("setUserStatus", { ...suspend, confirmAffected: [booked.appointmentId] });
    expect((await scheduleOf(uid)).doctor).toEqual({ status: "suspended", org });
    const before = await scheduleOf(uid);
    const listed = await callError(
      patient.call("listSlots", {
        doctorUid: uid,
        from: new Date().toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    expect(listed.code).toBe("functions/not-found");
    const refused = await callError(
      patient.call("book", { doctorUid: uid, start: later(slots, 2).start, mode: "video" }),
    );
    expect(refused).toEqual({ code: "functions/not-found", message: "no such doctor" });
    // Refused: no appointment, the schedule as it was.
    const mine = await admin().db.collection("appointments").where("doctorUid", "==", uid).get();
    expect(mine.size).toBe(1);
    expect(await scheduleOf(uid)).toEqual(before);

    await clinic.call("setUserStatus", { uid, org, status: "active", reason: "review done" });
    expect((await scheduleOf(uid)).doctor).toEqual({ status: "approved", org });
    await expect(
      patient.call("book", { doctorUid: uid, start: later(slots, 2).start, mode: "video" }),
    ).resolves.toMatchObject({ status: "booked" });
  });

  it("setAvailability writes the doctor's status and organisation and keeps the booked time", async () => {
    const doctor = track(await approvedDoctor(org));
    const uid = doctor.user.uid;
    const patient = track(await signUp());
    const slot = later(await freeSlots(patient, uid), 0);
    await patient.call("book", { doctorUid: uid, start: slot.start, mode: "video" });
    const booked = (await scheduleOf(uid)).booked;
    await doctor.call("setAvailability", {
      doctorUid: uid,
      availability: {
        timezone: "Asia/Kolkata",
        slotMinutes: 30,
        minNoticeMinutes: 0,
        horizonDays: 30,
        modes: ["video"],
        weekly: Object.fromEntries(
          ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [
            d,
            [{ start: "00:00", end: "24:00" }],
          ]),
        ),
      },
    });
    const schedule = await scheduleOf(uid);
    expect(schedule.doctor).toEqual({ status: "approved", org });
    expect(schedule.booked).toEqual(booked);
    expect((await freeSlots(patient, uid)).map((s) => s.start)).not.toContain(slot.start);
  });
});
