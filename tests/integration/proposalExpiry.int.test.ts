// A proposed time nobody answers by its deadline (issue 14 item 4, docs/schedule-changes.md): the
// scheduler cancels the appointment and tells the patient and the doctor. The test runs scheduled
// work (runScheduledWork), which acts on every suite's documents, so npm test runs this file alone
// (tools/test.mjs RUNS_ALONE); the proposals answered, suspensions and leave are in
// scheduleChanges.int, which runs beside other suites.
import { describe, expect, it } from "vitest";
import { auditFor, freeSlots, platformAdmin } from "./fixtures";
import { HOUR, appointment, book, outbox, scheduleChangeSuite } from "./scheduleChangeFixtures";

const { track, doctorWithPhone, patientWithPhone } = scheduleChangeSuite();

describe("a proposed time", () => {
  it("nobody answers by the deadline: the scheduler cancels it, the patient (required) and the doctor are told", async () => {
    const { doctor, uid } = await doctorWithPhone();
    const { patient } = await patientWithPhone();
    // An appointment about five hours ahead: the answer is due two hours before it.
    const slots = (await freeSlots(patient, uid)).filter((s) => Date.parse(s.start) > Date.now() + 5 * HOUR);
    const booked = await book(patient, uid, slots[0]);
    const { proposal } = await doctor.call<{ proposal: { expiresAt: string } }>("proposeTime", {
      appointmentId: booked.appointmentId,
      start: slots[10].start,
    });
    expect(Date.parse(proposal.expiresAt)).toBe(Date.parse(slots[0].start) - 2 * HOUR);

    const platform = track(await platformAdmin());
    // Before the deadline the run leaves it alone.
    await platform.call("runScheduledWork", {
      task: "proposals",
      now: new Date(Date.parse(proposal.expiresAt) - 60_000).toISOString(),
    });
    expect((await appointment(booked.appointmentId)).status).toBe("booked");
    await platform.call("runScheduledWork", {
      task: "proposals",
      now: new Date(Date.parse(proposal.expiresAt) + 60_000).toISOString(),
    });
    const stored = await appointment(booked.appointmentId);
    expect(stored).toMatchObject({ status: "cancelled", proposal: { status: "expired", openUntil: null } });
    expect(await outbox(`appt_${booked.appointmentId}_cancelled`)).toMatchObject({
      kind: "appointment.cancelled",
      required: true,
      recipientUid: patient.user.uid,
    });
    expect(await outbox(`appt_${booked.appointmentId}_proposal_1_expired`)).toMatchObject({
      kind: "schedule.proposalExpired",
      recipientUid: uid,
    });
    expect(await auditFor(booked.appointmentId, "appointment.proposalExpired")).toHaveLength(1);
    // A second run changes nothing.
    await platform.call("runScheduledWork", {
      task: "proposals",
      now: new Date(Date.parse(proposal.expiresAt) + 120_000).toISOString(),
    });
    expect(await auditFor(booked.appointmentId, "appointment.cancelled")).toHaveLength(1);
  });
});
