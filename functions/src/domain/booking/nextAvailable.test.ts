import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Slot } from "../scheduling/slots";
import { rankNextAvailable, type DoctorSlots } from "./nextAvailable";

const BASE = Date.parse("2026-12-01T03:30:00Z");
const slotAt = (i: number, modes: Slot["modes"] = ["video"]): Slot => ({
  start: new Date(BASE + i * 30 * 60_000).toISOString(),
  end: new Date(BASE + (i + 1) * 30 * 60_000).toISOString(),
  localDate: "2026-12-01",
  localTime: "09:00",
  timezone: "Asia/Kolkata",
  modes,
});

const doctorsArb = fc
  .uniqueArray(
    fc.record({
      doctorUid: fc.stringMatching(/^d[a-z0-9]{1,6}$/),
      load: fc.nat({ max: 5 }),
      slots: fc.array(
        fc.record({
          i: fc.nat({ max: 20 }),
          modes: fc.constantFrom<Slot["modes"]>(["video"], ["in_person"], ["video", "in_person"]),
        }),
        { maxLength: 10 },
      ),
    }),
    { selector: (d) => d.doctorUid, maxLength: 6 },
  )
  .map((ds) => ds.map((d): DoctorSlots => ({ ...d, slots: d.slots.map((s) => slotAt(s.i, s.modes)) })));

describe("rankNextAvailable", () => {
  it("offers the earliest slots, at most the limit, each once, from the input", () => {
    fc.assert(
      fc.property(doctorsArb, fc.integer({ min: 0, max: 5 }), fc.string(), (doctors, limit, seed) => {
        const offers = rankNextAvailable(doctors, { limit, seed, modes: ["video", "in_person"] });
        expect(offers.length).toBeLessThanOrEqual(limit);
        const keys = offers.map((o) => `${o.doctorUid}|${o.startMs}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (let k = 1; k < offers.length; k += 1)
          expect(offers[k].startMs).toBeGreaterThanOrEqual(offers[k - 1].startMs);
        const all = doctors.flatMap((d) =>
          d.slots.map((s) => ({ doctorUid: d.doctorUid, startMs: Date.parse(s.start) })),
        );
        for (const o of offers) expect(all).toContainEqual({ doctorUid: o.doctorUid, startMs: o.startMs });
        // Nothing earlier than the last offer is left out when the limit was reached.
        const distinct = new Set(all.map((a) => `${a.doctorUid}|${a.startMs}`)).size;
        expect(offers.length).toBe(Math.min(limit, distinct));
        if (offers.length) {
          const last = offers[offers.length - 1].startMs;
          const earlier = new Set(
            all.filter((a) => a.startMs < last).map((a) => `${a.doctorUid}|${a.startMs}`),
          );
          for (const key of earlier) expect(keys).toContain(key);
        }
      }),
    );
  });

  it("at an equal time the less busy doctor comes first", () => {
    fc.assert(
      fc.property(doctorsArb, fc.string(), (doctors, seed) => {
        const offers = rankNextAvailable(doctors, { limit: 100, seed, modes: ["video", "in_person"] });
        const load = new Map(doctors.map((d) => [d.doctorUid, d.load]));
        for (let k = 1; k < offers.length; k += 1)
          if (offers[k].startMs === offers[k - 1].startMs)
            expect(load.get(offers[k].doctorUid)!).toBeGreaterThanOrEqual(load.get(offers[k - 1].doctorUid)!);
      }),
    );
  });

  it("spreads the first place among equally busy doctors with equal times as the seed varies", () => {
    const doctors = ["dA", "dB", "dC"].map((doctorUid) => ({ doctorUid, load: 1, slots: [slotAt(0)] }));
    const firsts = new Map<string, number>();
    for (let s = 0; s < 300; s += 1) {
      const [first] = rankNextAvailable(doctors, { limit: 1, seed: `request-${s}`, modes: ["video"] });
      firsts.set(first.doctorUid, (firsts.get(first.doctorUid) ?? 0) + 1);
    }
    expect([...firsts.keys()].sort()).toEqual(["dA", "dB", "dC"]);
    for (const count of firsts.values()) expect(count).toBeGreaterThan(50);
  });

  it("the same seed gives the same order; a later slot never displaces an earlier one", () => {
    const doctors = [
      { doctorUid: "busy", load: 9, slots: [slotAt(0)] },
      { doctorUid: "idle", load: 0, slots: [slotAt(1)] },
    ];
    const once = rankNextAvailable(doctors, { limit: 1, seed: "x", modes: ["video"] });
    expect(once.map((o) => o.doctorUid)).toEqual(["busy"]);
    expect(rankNextAvailable(doctors, { limit: 2, seed: "x", modes: ["video"] })).toEqual(
      rankNextAvailable(doctors, { limit: 2, seed: "x", modes: ["video"] }),
    );
  });

  it("takes the first preferred mode a slot offers and skips slots offering none", () => {
    const doctors = [
      { doctorUid: "d", load: 0, slots: [slotAt(0, ["video"]), slotAt(1, ["video", "in_person"])] },
    ];
    expect(
      rankNextAvailable(doctors, { limit: 3, seed: "", modes: ["in_person"] }).map((o) => o.mode),
    ).toEqual(["in_person"]);
    expect(
      rankNextAvailable(doctors, { limit: 3, seed: "", modes: ["in_person", "video"] }).map((o) => o.mode),
    ).toEqual(["video", "in_person"]);
  });
});
