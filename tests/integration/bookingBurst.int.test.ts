// One booking per slot under any contention: 50 patients book one slot at the same moment. A file
// of its own because its 50 emulator workers hold both cores for a while, so npm test runs it
// alone (tools/test.mjs RUNS_ALONE) while the rest of booking.int runs beside other suites.
import { beforeAll, describe, expect, it } from "vitest";
import { signUpMany } from "../../tools/emulator-client";
import { appointmentsAt, approvedDoctor, freeSlots, makeOrg, slotAhead } from "./fixtures";
import { trackClients } from "./clients";

const track = trackClients();

let org: string;
beforeAll(async () => {
  org = await makeOrg();
});

describe("book", () => {
  it("50 concurrent bookings of one slot: exactly one succeeds, 49 get a clear conflict", async () => {
    const doctor = track(await approvedDoctor(org));
    const patients = (await signUpMany(50)).map(track);
    const slot = slotAhead(await freeSlots(patients[0], doctor.user.uid), 6);
    // Warm 50 emulator workers with refused calls first, so the 50 bookings arrive together.
    await Promise.allSettled(
      patients.map((p) => p.call("book", { doctorUid: doctor.user.uid, start: "warm-up", mode: "video" })),
    );
    const results = await Promise.allSettled(
      patients.map((p) => p.call("book", { doctorUid: doctor.user.uid, start: slot.start, mode: "video" })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.reason.code).toBe("functions/already-exists");
      expect(r.reason.message).toContain("this slot has just been booked by someone else");
    }
    expect(await appointmentsAt(doctor.user.uid, slot.start)).toHaveLength(1);
  }, 300_000); // the Functions emulator starts a worker process per concurrent call: 50 cold starts on two cores
});
