// Appointments nobody comes to (no-shows): once the grace time has passed, scheduled work marks
// the appointment and its session no_show with the absent side. The test runs scheduled work
// (runScheduledWork), which acts on every suite's documents, so npm test runs this file alone
// (tools/test.mjs RUNS_ALONE); joining, tokens and the lifecycle are in consultations.int, which
// runs beside other suites.
import { describe, expect, it } from "vitest";
import { callError } from "../../tools/emulator-client";
import { auditFor } from "./fixtures";
import {
  MINUTE,
  appointmentOf,
  consultationSuite,
  eventsOf,
  joinAs,
  sessionOf,
} from "./consultationFixtures";

const { suite, appointments, openBookings } = consultationSuite();

describe("no-shows", () => {
  const runNoShows = (now?: number) =>
    suite.platform.call<{
      task: string;
      scanned: number;
      candidates: number;
      marked: number;
      skipped: number;
    }>("runScheduledWork", { task: "noShows", ...(now ? { now: new Date(now).toISOString() } : {}) });

  it("marks the appointment no_show with the absent side once the grace time has passed; a second run changes nothing", async () => {
    const { inProgress, past } = await appointments();
    expect((await callError(suite.patient.call("runScheduledWork", { task: "noShows" }))).code).toBe(
      "functions/permission-denied",
    );
    await joinAs(suite.doctor, inProgress.id); // the patient never comes

    // Now: the appointment that ended an hour ago had nobody; the one in progress is within its grace time.
    await runNoShows();
    expect((await appointmentOf(inProgress.id)).status).toBe("booked");
    expect((await sessionOf(inProgress.id))!.status).toBe("waiting");
    expect(await appointmentOf(past.id)).toMatchObject({ status: "no_show", noShow: { absent: "both" } });
    expect(await sessionOf(past.id)).toMatchObject({
      status: "no_show",
      endedBy: "system",
      noShow: { absent: "both" },
    });
    expect((await eventsOf(past.id)).map((e) => [e.type, e.role, e.absent])).toEqual([
      ["no_show", "system", "both"],
    ]);

    // 15 minutes after the start (the clock moved in the emulator).
    const graceOver = inProgress.startMs + 15 * MINUTE;
    await runNoShows(graceOver);
    const appointment = await appointmentOf(inProgress.id);
    expect(appointment).toMatchObject({ status: "no_show", noShow: { absent: "patient" } });
    expect(appointment.noShow.at.toMillis()).toBe(graceOver);
    expect(appointment.history.at(-1)).toMatchObject({
      event: "no_show",
      by: "system",
      role: "system",
      absent: "patient",
    });
    expect(await openBookings()).not.toHaveProperty(inProgress.id);
    expect(await sessionOf(inProgress.id)).toMatchObject({
      status: "no_show",
      noShow: { absent: "patient" },
      participants: { doctor: { present: false, joins: 1 } },
    });
    expect((await eventsOf(inProgress.id)).map((e) => e.type)).toEqual(["joined", "no_show"]);
    for (const a of [inProgress, past]) {
      const noShows = (await auditFor(a.id)).filter((e) => e.action.endsWith("noShow"));
      expect(noShows.map((e) => `${e.action} by ${e.actorUid}`).sort()).toEqual([
        "appointment.noShow by system",
        "consultation.noShow by system",
      ]);
    }

    const snapshot = async () =>
      Promise.all(
        [inProgress, past].map(async (a) => [
          await appointmentOf(a.id),
          await sessionOf(a.id),
          await eventsOf(a.id),
          await auditFor(a.id),
        ]),
      );
    const before = await snapshot();
    const again = await runNoShows(graceOver);
    expect(again.marked).toBe(0);
    expect(await snapshot()).toEqual(before);

    expect(await callError(joinAs(suite.doctor, inProgress.id))).toEqual({
      code: "functions/failed-precondition",
      message: "this appointment was marked as a no-show",
    });
  });
});
