import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { availabilitySchema, type Availability } from "../../schemas/scheduling";
import { blockedWindow, generateSlots, hoursOn, overlaps, type Interval } from "./slots";

// Zones that bite: DST both ways (New York, London), +05:30 (Kolkata), +05:45 (Kathmandu), a
// 30-minute DST shift (Lord Howe), and a southern-hemisphere DST (Sydney).
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Australia/Sydney",
];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const hhmm = (m: number) =>
  m === 1440 ? "24:00" : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Up to three non-overlapping intervals in a day, on a 15-minute grid. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      intervals.push({ start: hhmm(sorted[i] * 15), end: hhmm(sorted[i + 1] * 15) });
    return intervals;
  });

const availabilityArb: fc.Arbitrary<Availability> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    slotMinutes: fc.constantFrom(10, 15, 20, 30, 45, 60),
    bufferBeforeMinutes: fc.constantFrom(0, 5, 10),
    bufferAfterMinutes: fc.constantFrom(0, 5, 15),
    minNoticeMinutes: fc.integer({ min: 0, max: 48 * 60 }),
    horizonDays: fc.integer({ min: 1, max: 40 }),
    weekly: fc.record(
      Object.fromEntries(DAYS.map((d) => [d, dayHours])) as Record<(typeof DAYS)[number], typeof dayHours>,
    ),
    dayOff: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ dayOff, ...a }) =>
    availabilitySchema.parse({
      ...a,
      modes: ["video"],
      leave: [
        {
          from: DateTime.fromISO("2026-03-01").plus({ days: dayOff }).toISODate(),
          to: DateTime.fromISO("2026-03-01")
            .plus({ days: dayOff + 1 })
            .toISODate(),
        },
      ],
    }),
  );

// Around the 2026 DST changes of several zones (March, April, October, November).
const instantArb = fc
  .constantFrom("2026-03-05", "2026-03-26", "2026-04-02", "2026-10-01", "2026-10-22", "2026-10-29")
  .chain((base) =>
    fc
      .integer({ min: 0, max: 10 * 24 * 60 })
      .map((m) => new Date(Date.parse(`${base}T00:00:00Z`) + m * 60_000)),
  );

const busyArb = fc.array(
  fc.record({
    offsetMinutes: fc.integer({ min: 0, max: 30 * 24 * 60 }),
    minutes: fc.constantFrom(15, 30, 60),
  }),
  { maxLength: 20 },
);

const scenario = fc.record({
  availability: availabilityArb,
  now: instantArb,
  spanDays: fc.integer({ min: 1, max: 14 }),
  fromOffset: fc.integer({ min: -2 * 24 * 60, max: 5 * 24 * 60 }),
  busy: busyArb,
});

interface Scenario {
  availability: Availability;
  now: Date;
  spanDays: number;
  fromOffset: number;
  busy: Array<{ offsetMinutes: number; minutes: number }>;
}

function build(s: Scenario) {
  const from = new Date(s.now.getTime() + s.fromOffset * 60_000);
  const to = new Date(from.getTime() + s.spanDays * 86_400_000);
  const busy: Interval[] = s.busy.map((b) => ({
    start: s.now.getTime() + b.offsetMinutes * 60_000,
    end: s.now.getTime() + (b.offsetMinutes + b.minutes) * 60_000,
  }));
  return { availability: s.availability, now: s.now, from, to, busy };
}

/**
 * Is the window within working hours? Checked independently of the generator. Without an
 * offset change inside the window, every instant (sampled every five minutes: the grid is on
 * 5-minute multiples and offsets on 15) must read as a working wall time on its local date.
 * With a change inside it (the window spans a DST switch), the interval is the real time from
 * its start to its end, so the window must lie between the instants of one interval's start and
 * end on the same local date; a wall time the switch skips stands for the instant luxon moves it
 * to (01:15 on London's spring-forward night is 02:15 BST), as the README documents.
 */
function insideAvailability(a: Availability, window: Interval): boolean {
  const first = DateTime.fromMillis(window.start, { zone: a.timezone });
  const last = DateTime.fromMillis(window.end - 1, { zone: a.timezone });
  const minutesOf = (t: DateTime) => t.hour * 60 + t.minute;
  if (first.offset !== last.offset) {
    const hours = hoursOn(a, first.toISODate()!, DAYS[first.weekday - 1]);
    const instant = (hm: string) => {
      const m = toMinutes(hm);
      return DateTime.fromObject(
        { year: first.year, month: first.month, day: first.day, hour: 0, minute: 0 },
        { zone: a.timezone },
      )
        .plus({ days: Math.floor(m / 1440) })
        .set(m === 1440 ? {} : { hour: Math.floor(m / 60), minute: m % 60 })
        .toMillis();
    };
    return (
      first.toISODate() === last.toISODate() &&
      hours.some((i) => instant(i.start) <= window.start && window.end <= instant(i.end))
    );
  }
  for (let t = window.start; t < window.end; t += 5 * 60_000) {
    const local = DateTime.fromMillis(t, { zone: a.timezone });
    const hours = hoursOn(a, local.toISODate()!, DAYS[local.weekday - 1]);
    if (!hours.some((i) => toMinutes(i.start) <= minutesOf(local) && minutesOf(local) < toMinutes(i.end)))
      return false;
  }
  return true;
}
const toMinutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

describe("generateSlots properties", () => {
  it("reproduces the New York fall-back window that spans the switch (a fast-check counterexample)", () => {
    const a = availabilitySchema.parse({
      timezone: "America/New_York",
      slotMinutes: 10,
      minNoticeMinutes: 0,
      horizonDays: 4,
      modes: ["video"],
      weekly: { sun: [{ start: "01:15", end: "02:15" }] },
    });
    const now = new Date("2026-10-28T05:56:00.000Z");
    const slots = generateSlots({
      availability: a,
      busy: [],
      now,
      from: new Date(now.getTime() + 2 * 86_400_000),
      to: new Date(now.getTime() + 4 * 86_400_000),
    });
    // The range ends at 05:56Z (01:56 EDT); the 01:55 EDT slot ends at 01:05 EST, across the switch.
    expect(slots.map((s) => s.localTime)).toEqual(["01:15", "01:25", "01:35", "01:45", "01:55"]);
    expect(slots.at(-1)).toMatchObject({
      start: "2026-11-01T05:55:00.000Z",
      end: "2026-11-01T06:05:00.000Z",
    });
    for (const slot of slots)
      expect(insideAvailability(a, { start: Date.parse(slot.start), end: Date.parse(slot.end) })).toBe(true);
  });

  it("reproduces London's spring-forward night, hours ending in the skipped hour (a fast-check counterexample)", () => {
    const a = availabilitySchema.parse({
      timezone: "Europe/London",
      slotMinutes: 10,
      bufferAfterMinutes: 15,
      minNoticeMinutes: 0,
      horizonDays: 4,
      modes: ["video"],
      weekly: { sun: [{ start: "00:00", end: "01:15" }] },
    });
    const now = new Date("2026-03-26T00:00:00.000Z");
    const slots = generateSlots({
      availability: a,
      busy: [],
      now,
      from: now,
      to: new Date(now.getTime() + 4 * 86_400_000),
    });
    // 01:15 does not exist on 29 March (01:00 GMT jumps to 02:00 BST); it stands for 02:15 BST, 01:15Z.
    expect(slots.map((s) => s.start)).toEqual([
      "2026-03-29T00:00:00.000Z",
      "2026-03-29T00:25:00.000Z",
      "2026-03-29T00:50:00.000Z",
    ]);
    for (const slot of slots) {
      expect(
        insideAvailability(a, blockedWindow({ start: Date.parse(slot.start), end: Date.parse(slot.end) }, a)),
      ).toBe(true);
    }
  });

  it("every slot lies inside availability, respects notice, horizon and range, and avoids busy time and other slots", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const q = build(s);
        const slots = generateSlots(q);
        const windows = slots.map((slot) =>
          blockedWindow({ start: Date.parse(slot.start), end: Date.parse(slot.end) }, q.availability),
        );
        for (const [i, slot] of slots.entries()) {
          const start = Date.parse(slot.start);
          expect(Date.parse(slot.end) - start).toBe(q.availability.slotMinutes * 60_000);
          expect(start).toBeGreaterThanOrEqual(q.now.getTime() + q.availability.minNoticeMinutes * 60_000);
          expect(start).toBeLessThan(q.now.getTime() + q.availability.horizonDays * 86_400_000);
          expect(start).toBeGreaterThanOrEqual(q.from.getTime());
          expect(start).toBeLessThan(q.to.getTime());
          expect(insideAvailability(q.availability, windows[i])).toBe(true);
          for (const b of q.busy) expect(overlaps(windows[i], blockedWindow(b, q.availability))).toBe(false);
          if (i > 0) {
            expect(start).toBeGreaterThan(Date.parse(slots[i - 1].start));
            expect(overlaps(windows[i], windows[i - 1])).toBe(false);
          }
          expect(
            DateTime.fromMillis(start, { zone: q.availability.timezone }).toFormat("yyyy-MM-dd HH:mm"),
          ).toBe(`${slot.localDate} ${slot.localTime}`);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("splitting a range in two gives the same slots as the whole range", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 13 * 24 * 60 }), (s, cutMinutes) => {
        const q = build(s);
        const cut = new Date(Math.min(q.to.getTime() - 60_000, q.from.getTime() + cutMinutes * 60_000));
        const whole = generateSlots(q).map((x) => x.start);
        const parts = [...generateSlots({ ...q, to: cut }), ...generateSlots({ ...q, from: cut })].map(
          (x) => x.start,
        );
        expect(parts).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it("a busy interval removes exactly the slots it overlaps", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, pick) => {
        const q = build({ ...s, busy: [] });
        const free = generateSlots(q);
        fc.pre(free.length > 0);
        const taken = free[pick % free.length];
        const busy = [{ start: Date.parse(taken.start), end: Date.parse(taken.end) }];
        const after = generateSlots({ ...q, busy });
        expect(after.map((x) => x.start)).toEqual(
          free.filter((x) => x.start !== taken.start).map((x) => x.start),
        );
      }),
      { numRuns: 200 },
    );
  });
});
