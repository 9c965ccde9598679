// generateSlots (fast, issue 18) must return exactly what the reference generator returns: the
// same slots, the same strings, in the same order. The reference (slots.reference.ts) is the
// generator as it was before it was made fast: slow, and the one the scheduling tests were
// written against.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { availabilitySchema, type Availability } from "../../schemas/scheduling";
import { generateSlots, type Interval, type SlotQuery } from "./slots";
import { generateSlotsReference } from "./slots.reference";

// DST zones (New York, London, Sydney), +05:30 (Kolkata), +05:45 (Kathmandu), a 30-minute DST
// shift (Lord Howe), zones whose clocks change at midnight, so a day can start at 01:00 or 23:00
// of the day before (Santiago, Havana, Asuncion), a two-hour shift (Troll), Casablanca's
// Ramadan changes, and UTC.
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Sydney",
  "America/Santiago",
  "America/Havana",
  "America/Asuncion",
  "Antarctica/Troll",
  "Africa/Casablanca",
  "UTC",
];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

// Days around the zones' 2026 offset changes (and a few plain ones), as UTC midnights.
const CHANGES = [
  "2026-01-10",
  "2026-02-15", // Casablanca, before Ramadan
  "2026-03-08", // New York, Havana (spring forward)
  "2026-03-22", // Asuncion (fall back)
  "2026-03-29", // London, Troll (spring forward)
  "2026-04-05", // Sydney, Lord Howe, Santiago (fall back)
  "2026-06-20",
  "2026-09-06", // Santiago (spring forward, midnight skipped)
  "2026-10-04", // Sydney, Lord Howe, Asuncion (spring forward)
  "2026-10-25", // London, Troll (fall back)
  "2026-11-01", // New York, Havana (fall back)
  "2026-12-31",
];

const hhmm = (m: number) =>
  m === 1440 ? "24:00" : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** Up to three non-overlapping intervals in a day, on a 5-minute grid (01:15, 02:30, 24:00...). */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 288 }), { minLength: 0, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      intervals.push({ start: hhmm(sorted[i] * 5), end: hhmm(sorted[i + 1] * 5) });
    return intervals;
  });

/** Whole days, or hours that sit on the night of an offset change. */
const nightHours = fc.constantFrom(
  [{ start: "00:00", end: "24:00" }],
  [{ start: "00:00", end: "03:00" }],
  [{ start: "01:00", end: "03:30" }],
  [{ start: "01:15", end: "02:15" }],
  [{ start: "01:30", end: "02:00" }],
  [{ start: "02:30", end: "04:00" }],
  [
    { start: "00:00", end: "01:15" },
    { start: "22:00", end: "24:00" },
  ],
  [{ start: "23:00", end: "24:00" }],
);
const hoursArb = fc.oneof(dayHours, nightHours);

const isoDateNear = fc
  .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3, max: 35 }))
  .map(([base, days]) => DateTime.fromISO(base, { zone: "UTC" }).plus({ days }).toISODate()!);

const availabilityArb: fc.Arbitrary<Availability> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    slotMinutes: fc.constantFrom(5, 10, 15, 20, 25, 30, 45, 60, 90),
    bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 10, 15),
    bufferAfterMinutes: fc.constantFrom(0, 0, 5, 10, 30),
    minNoticeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    horizonDays: fc.integer({ min: 1, max: 180 }),
    modes: fc.constantFrom(["video"], ["in_person"], ["video", "in_person"]),
    weekly: fc.record(
      Object.fromEntries(DAYS.map((d) => [d, hoursArb])) as Record<(typeof DAYS)[number], typeof hoursArb>,
      { requiredKeys: [] },
    ),
    exceptions: fc.uniqueArray(fc.record({ date: isoDateNear, intervals: hoursArb }), {
      maxLength: 4,
      selector: (e) => e.date,
    }),
    leave: fc.array(
      fc
        .tuple(isoDateNear, fc.integer({ min: 0, max: 3 }))
        .map(([from, days]) => ({ from, to: DateTime.fromISO(from).plus({ days }).toISODate()! })),
      { maxLength: 2 },
    ),
  })
  .map((a) => availabilitySchema.parse(a));

/**
 * An instant within a few days of a 2026 offset change, to the minute (or, now and then, the ms),
 * mostly in 2026 and sometimes years away, under other rules (the US rules before 2007, zones
 * that have since dropped DST or changed their offset).
 */
const instantArb = fc
  .tuple(
    fc.constantFrom(...CHANGES),
    fc.constantFrom(0, 0, 0, 0, -30, -19, -10, -3, 1, 12),
    fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 }),
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })),
  )
  .map(
    ([base, years, minutes, ms]) =>
      new Date(DateTime.fromISO(`${base}T00:00:00Z`).plus({ years }).toMillis() + minutes * 60_000 + ms),
  );

const busyArb = fc.array(
  fc.record({
    offsetMinutes: fc.integer({ min: -24 * 60, max: 40 * 24 * 60 }),
    minutes: fc.constantFrom(5, 15, 30, 60, 120),
  }),
  { maxLength: 30 },
);

const queryArb: fc.Arbitrary<SlotQuery> = fc
  .record({
    availability: availabilityArb,
    now: instantArb,
    // from before now, at now or after it; windows of minutes up to a month and more.
    fromOffsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 5 * 24 * 60 }),
    spanMinutes: fc.oneof(fc.integer({ min: -60, max: 6 * 60 }), fc.integer({ min: 1, max: 40 * 24 * 60 })),
    busy: busyArb,
  })
  .map(({ availability, now, fromOffsetMinutes, spanMinutes, busy }) => {
    const from = new Date(now.getTime() + fromOffsetMinutes * 60_000);
    const to = new Date(from.getTime() + spanMinutes * 60_000);
    const intervals: Interval[] = busy.map((b) => ({
      start: now.getTime() + b.offsetMinutes * 60_000,
      end: now.getTime() + (b.offsetMinutes + b.minutes) * 60_000,
    }));
    return { availability, busy: intervals, now, from, to };
  });

const sameAsReference = (q: SlotQuery): void => {
  expect(generateSlots(q)).toStrictEqual(generateSlotsReference(q));
};

describe("generateSlots matches the reference generator", () => {
  it("for random availabilities, busy times and now/from/to windows around offset changes", () => {
    fc.assert(fc.property(queryArb, sameAsReference), { numRuns: 400 });
  }, 120_000);

  it("for windows that span an offset change in each zone, with hours on the night of the change", () => {
    const spanning = fc
      .record({
        availability: availabilityArb,
        zone: fc.constantFrom(...ZONES),
        night: nightHours,
        change: fc.constantFrom(...CHANGES),
        beforeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        afterMinutes: fc.integer({ min: 1, max: 3 * 24 * 60 }),
      })
      .map(({ availability, zone, night, change, beforeMinutes, afterMinutes }) => {
        const at = Date.parse(`${change}T00:00:00Z`);
        const from = new Date(at - beforeMinutes * 60_000);
        return {
          availability: {
            ...availability,
            timezone: zone,
            minNoticeMinutes: 0,
            horizonDays: 180,
            weekly: Object.fromEntries(DAYS.map((d) => [d, night])),
          },
          busy: [],
          now: from,
          from,
          to: new Date(at + afterMinutes * 60_000),
        };
      });
    fc.assert(fc.property(spanning, sameAsReference), { numRuns: 300 });
  }, 120_000);

  it("for inputs off the fast path: local mean time, years past 9999, zones luxon does not know", () => {
    const availability = (timezone: string): Availability => ({
      ...availabilitySchema.parse({
        timezone: "UTC",
        slotMinutes: 20,
        bufferBeforeMinutes: 5,
        minNoticeMinutes: 0,
        horizonDays: 180,
        modes: ["video"],
        weekly: Object.fromEntries(
          DAYS.map((d) => [
            d,
            [
              { start: "00:00", end: "02:00" },
              { start: "09:00", end: "24:00" },
            ],
          ]),
        ),
      }),
      timezone,
    });
    const cases: Array<[string, string, string]> = [
      ["Asia/Kolkata", "1850-03-01T00:00:00Z", "1850-03-05T00:00:00Z"], // LMT, +05:53:28
      ["Asia/Kolkata", "1941-09-25T00:00:00Z", "1941-10-05T00:00:00Z"], // +06:30 during the war
      ["Europe/London", "1847-11-25T00:00:00Z", "1847-12-05T00:00:00Z"], // LMT -00:01:15 to GMT
      ["Europe/London", "1968-10-20T00:00:00Z", "1968-11-05T00:00:00Z"], // British Standard Time
      ["Australia/Lord_Howe", "1981-02-20T00:00:00Z", "1981-03-05T00:00:00Z"], // +10:00 to +10:30
      ["America/New_York", "0999-12-25T00:00:00Z", "1000-01-05T00:00:00Z"],
      ["Asia/Kathmandu", "9999-12-25T00:00:00Z", "+010000-01-05T00:00:00Z"],
      ["UTC", "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"],
      ["Etc/GMT-14", "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"],
      ["Not/A_Zone", "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z"],
    ];
    for (const [timezone, from, to] of cases) {
      const now = new Date(from);
      sameAsReference({ availability: availability(timezone), busy: [], now, from: now, to: new Date(to) });
    }
  });

  it("for hours the schema refuses but the type allows: overlapping, unsorted, repeated dates", () => {
    const availability: Availability = {
      ...availabilitySchema.parse({
        timezone: "America/New_York",
        slotMinutes: 30,
        minNoticeMinutes: 0,
        horizonDays: 180,
        modes: ["video"],
        weekly: {},
      }),
      weekly: {
        sun: [
          { start: "10:00", end: "12:00" },
          { start: "00:30", end: "03:00" },
          { start: "09:00", end: "11:00" },
        ],
        mon: [
          { start: "09:00", end: "10:00" },
          { start: "09:00", end: "10:00" },
        ],
      },
      exceptions: [
        { date: "2026-11-03", intervals: [{ start: "20:00", end: "21:00" }] },
        { date: "2026-11-03", intervals: [{ start: "08:00", end: "09:00" }] },
      ],
    };
    const now = new Date("2026-10-28T00:00:00Z");
    sameAsReference({ availability, busy: [], now, from: now, to: new Date("2026-11-10T00:00:00Z") });
  });

  it("for every day of 2026 in each zone, all day and on the hours of the changes", () => {
    for (const timezone of ZONES) {
      for (const [weekly, slotMinutes] of [
        [{ start: "00:00", end: "24:00" }, 55],
        [{ start: "01:00", end: "03:30" }, 10],
        [{ start: "23:30", end: "24:00" }, 10],
      ] as const) {
        const availability = availabilitySchema.parse({
          timezone,
          slotMinutes,
          bufferAfterMinutes: 5,
          minNoticeMinutes: 0,
          horizonDays: 180,
          modes: ["video"],
          weekly: Object.fromEntries(DAYS.map((d) => [d, [weekly]])),
        });
        for (let month = 0; month < 12; month += 1) {
          const from = new Date(Date.UTC(2026, month, 1));
          const to = new Date(Date.UTC(2026, month + 1, 1));
          sameAsReference({ availability, busy: [], now: from, from, to });
        }
      }
    }
  }, 120_000);
});
