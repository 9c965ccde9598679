import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DAYS, openingHoursSchema } from "../../schemas/profiles";
import { END_OF_DAY, openingStatus } from "./openingHours";

const hours = (h: unknown) => openingHoursSchema.parse(h);
const weekdays = (intervals: Array<{ open: string; close: string }>) =>
  Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, intervals]));
// As the seed pharmacy: Monday to Friday 09:00-20:00, Saturday 09:00-14:00, closed on Sunday.
const SEED = hours({
  ...weekdays([{ open: "09:00", close: "20:00" }]),
  sat: [{ open: "09:00", close: "14:00" }],
});
const KOLKATA = "Asia/Kolkata";
/** What openingStatus answers while open (and when it closes), and while closed (and when it opens). */
const openUntil = (closesAt: string) => ({ openNow: true, closesAt, opensAt: null });
const closedUntil = (opensAt: string) => ({ openNow: false, closesAt: null, opensAt });
/** A wall time in a zone as a Date. 2026-11-23 is a Monday. */
const wall = (iso: string, zone = KOLKATA) => DateTime.fromISO(iso, { zone }).toJSDate();
/** The status of a pharmacy in Asia/Kolkata at a wall time there. */
const statusAt = (week: ReturnType<typeof hours>, iso: string) => openingStatus(week, KOLKATA, wall(iso));

describe("openingStatus in Asia/Kolkata (+05:30)", () => {
  it("is open at 10:00 on a Monday and says when it closes", () => {
    expect(statusAt(SEED, "2026-11-23T10:00")).toEqual(openUntil("2026-11-23T14:30:00.000Z"));
  });

  it("before opening, opens later today", () => {
    expect(statusAt(SEED, "2026-11-23T08:00")).toEqual(closedUntil("2026-11-23T03:30:00.000Z"));
  });

  it("after closing, opens the next day", () => {
    expect(statusAt(SEED, "2026-11-23T21:00")).toEqual(closedUntil("2026-11-24T03:30:00.000Z"));
    expect(statusAt(SEED, "2026-11-27T23:59")).toEqual(closedUntil("2026-11-28T03:30:00.000Z"));
  });

  it("on Saturday afternoon, with Sunday closed, opens on Monday", () => {
    expect(statusAt(SEED, "2026-11-28T15:00")).toEqual(closedUntil("2026-11-30T03:30:00.000Z"));
    expect(statusAt(SEED, "2026-11-29T12:00")).toEqual(closedUntil("2026-11-30T03:30:00.000Z"));
  });

  it("reads the weekday in the pharmacy's zone, not in UTC", () => {
    // Monday 02:00 in Kolkata is still Sunday 20:30 in UTC.
    const now = wall("2026-11-30T02:00");
    expect(now.toISOString()).toBe("2026-11-29T20:30:00.000Z");
    expect(openingStatus(SEED, KOLKATA, now)).toEqual(closedUntil("2026-11-30T03:30:00.000Z"));
    // Saturday 00:10 in Kolkata is Friday 18:40 in UTC; it would be closed if read as Friday.
    expect(
      openingStatus(hours({ sat: [{ open: "00:00", close: "23:59" }] }), KOLKATA, wall("2026-11-28T00:10"))
        .openNow,
    ).toBe(true);
  });

  it("is open exactly at opening and closed exactly at closing", () => {
    expect(statusAt(SEED, "2026-11-23T09:00")).toEqual(openUntil("2026-11-23T14:30:00.000Z"));
    expect(openingStatus(SEED, KOLKATA, new Date(wall("2026-11-23T09:00").getTime() - 1))).toEqual(
      closedUntil("2026-11-23T03:30:00.000Z"),
    );
    expect(openingStatus(SEED, KOLKATA, new Date(wall("2026-11-23T20:00").getTime() - 1)).openNow).toBe(true);
    expect(statusAt(SEED, "2026-11-23T20:00")).toEqual(closedUntil("2026-11-24T03:30:00.000Z"));
  });

  it("handles a lunch break, whatever order the intervals are given in", () => {
    const split = hours({
      mon: [
        { open: "14:00", close: "20:00" },
        { open: "09:00", close: "13:00" },
      ],
    });
    expect(statusAt(split, "2026-11-23T12:00")).toEqual(openUntil("2026-11-23T07:30:00.000Z"));
    expect(statusAt(split, "2026-11-23T13:00")).toEqual(closedUntil("2026-11-23T08:30:00.000Z"));
    expect(statusAt(split, "2026-11-23T13:30")).toEqual(closedUntil("2026-11-23T08:30:00.000Z"));
    expect(statusAt(split, "2026-11-23T14:00")).toEqual(openUntil("2026-11-23T14:30:00.000Z"));
    expect(statusAt(split, "2026-11-23T08:00")).toEqual(closedUntil("2026-11-23T03:30:00.000Z"));
  });

  it("opens a week later when it opens one day a week and that day's hours are over", () => {
    const mondays = hours({ mon: [{ open: "09:00", close: "13:00" }] });
    expect(statusAt(mondays, "2026-11-23T14:00")).toEqual(closedUntil("2026-11-30T03:30:00.000Z"));
  });

  it("gives nothing for a pharmacy without hours", () => {
    const closed = { openNow: false, closesAt: null, opensAt: null };
    expect(openingStatus(hours({}), KOLKATA, wall("2026-11-23T10:00"))).toEqual(closed);
    expect(
      openingStatus(hours(Object.fromEntries(DAYS.map((d) => [d, []]))), KOLKATA, wall("2026-11-23T10:00")),
    ).toEqual(closed);
  });
});

describe("openingStatus: hours through midnight", () => {
  it("reads 23:59 as closing at midnight", () => {
    const late = hours({ mon: [{ open: "18:00", close: END_OF_DAY }] });
    expect(statusAt(late, "2026-11-23T23:59:30")).toEqual(openUntil("2026-11-23T18:30:00.000Z"));
  });

  it("joins hours that meet at midnight, so a night pharmacy closes where its night ends", () => {
    const night = hours({
      fri: [{ open: "20:00", close: END_OF_DAY }],
      sat: [
        { open: "00:00", close: "02:00" },
        { open: "10:00", close: "12:00" },
      ],
    });
    // Friday 23:00: open, and it closes at 02:00 on Saturday, not at midnight.
    expect(statusAt(night, "2026-11-27T23:00")).toEqual(openUntil("2026-11-27T20:30:00.000Z"));
    expect(statusAt(night, "2026-11-28T01:00")).toEqual(openUntil("2026-11-27T20:30:00.000Z"));
    expect(statusAt(night, "2026-11-28T02:00")).toEqual(closedUntil("2026-11-28T04:30:00.000Z"));
  });

  it("joins adjacent intervals of one day", () => {
    const adjacent = hours({
      mon: [
        { open: "09:00", close: "13:00" },
        { open: "13:00", close: "17:00" },
      ],
    });
    expect(statusAt(adjacent, "2026-11-23T12:00")).toEqual(openUntil("2026-11-23T11:30:00.000Z"));
  });

  it("gives no closing time for a pharmacy open round the clock", () => {
    const always = hours(Object.fromEntries(DAYS.map((d) => [d, [{ open: "00:00", close: END_OF_DAY }]])));
    expect(statusAt(always, "2026-11-23T03:00")).toEqual({
      openNow: true,
      closesAt: null,
      opensAt: null,
    });
    expect(openingStatus(always, "Europe/London", new Date("2026-03-29T01:30:00Z"))).toEqual({
      openNow: true,
      closesAt: null,
      opensAt: null,
    });
  });

  it("gives the closing time of a pharmacy open round the clock except on Sunday", () => {
    const notSunday = hours(
      Object.fromEntries(
        DAYS.filter((d) => d !== "sun").map((d) => [d, [{ open: "00:00", close: END_OF_DAY }]]),
      ),
    );
    expect(statusAt(notSunday, "2026-11-23T10:00")).toEqual(openUntil("2026-11-28T18:30:00.000Z"));
    expect(statusAt(notSunday, "2026-11-29T10:00")).toEqual(closedUntil("2026-11-29T18:30:00.000Z"));
  });
});

describe("openingStatus across a DST change", () => {
  const DAILY = hours(Object.fromEntries(DAYS.map((d) => [d, [{ open: "09:00", close: "17:00" }]])));

  it("London: on the spring-forward Sunday (29 March 2026) the 09:00 opening is 08:00 UTC", () => {
    // Saturday 18:00 GMT; the clocks go from 01:00 GMT to 02:00 BST overnight.
    expect(openingStatus(DAILY, "Europe/London", new Date("2026-03-28T18:00:00Z"))).toEqual(
      closedUntil("2026-03-29T08:00:00.000Z"),
    );
    expect(openingStatus(DAILY, "Europe/London", new Date("2026-03-29T08:30:00Z"))).toEqual(
      openUntil("2026-03-29T16:00:00.000Z"),
    );
    // 08:30 UTC on the Saturday was 08:30 GMT: not yet open.
    expect(openingStatus(DAILY, "Europe/London", new Date("2026-03-28T08:30:00Z"))).toEqual(
      closedUntil("2026-03-28T09:00:00.000Z"),
    );
  });

  it("London: hours across the skipped hour close at the right instant; an opening inside it moves forward", () => {
    const night = hours({ sun: [{ open: "00:30", close: "03:00" }] });
    expect(openingStatus(night, "Europe/London", new Date("2026-03-29T00:45:00Z"))).toEqual(
      openUntil("2026-03-29T02:00:00.000Z"),
    );
    const inGap = hours({ sun: [{ open: "01:30", close: "05:00" }] });
    // 01:30 does not exist that night; luxon moves it forward by the hour skipped, to 02:30 BST.
    expect(openingStatus(inGap, "Europe/London", new Date("2026-03-28T20:00:00Z"))).toEqual(
      closedUntil("2026-03-29T01:30:00.000Z"),
    );
  });

  it("New York: the Sunday after spring-forward (8 March 2026) opens at 13:00 UTC, the Saturday at 14:00 UTC", () => {
    expect(openingStatus(DAILY, "America/New_York", new Date("2026-03-07T12:00:00Z"))).toEqual(
      closedUntil("2026-03-07T14:00:00.000Z"),
    );
    expect(openingStatus(DAILY, "America/New_York", new Date("2026-03-08T01:00:00Z"))).toEqual(
      closedUntil("2026-03-08T13:00:00.000Z"),
    );
    expect(openingStatus(DAILY, "America/New_York", new Date("2026-03-08T20:59:59Z")).closesAt).toBe(
      "2026-03-08T21:00:00.000Z",
    );
  });

  it("London: after fall-back (25 October 2026) the 09:00 opening is 09:00 UTC again", () => {
    expect(openingStatus(DAILY, "Europe/London", new Date("2026-10-24T18:00:00Z"))).toEqual(
      closedUntil("2026-10-25T09:00:00.000Z"),
    );
  });
});

const ZONES = ["Asia/Kolkata", "Asia/Kathmandu", "Europe/London", "America/New_York", "Australia/Lord_Howe"];
const hhmm = (m: number) =>
  m === 1440
    ? END_OF_DAY
    : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
/** Up to three non-overlapping intervals in a day on a 15-minute grid; a close at 24:00 is written 23:59. */
const dayHoursArb = fc
  .oneof(
    { weight: 4, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant([0, 96]) },
  )
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      intervals.push({ open: hhmm(sorted[i] * 15), close: hhmm(sorted[i + 1] * 15) });
    return intervals;
  });
const weekArb = fc
  .record(
    Object.fromEntries(DAYS.map((d) => [d, dayHoursArb])) as Record<
      (typeof DAYS)[number],
      typeof dayHoursArb
    >,
  )
  .map((w) => hours(w));
const nowArb = fc
  .integer({ min: 0, max: 366 * 24 * 60 })
  .map((m) => new Date(Date.parse("2026-01-01T00:00:00Z") + m * 60_000 + 17_000));

describe("openingStatus properties", () => {
  it("open now means the local wall time is inside today's hours, and closesAt/opensAt are in the future and consistent", () => {
    fc.assert(
      fc.property(weekArb, fc.constantFrom(...ZONES), nowArb, (week, zone, now) => {
        const status = openingStatus(week, zone, now);
        const local = DateTime.fromJSDate(now, { zone });
        const minutes = local.hour * 60 + local.minute + local.second / 60;
        const today = week[DAYS[local.weekday - 1]] ?? [];
        const toMinutes = (t: string) =>
          t === END_OF_DAY ? 1440 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
        // Away from DST switches (where wall times are skipped or repeated), open now is just the
        // wall time lying in one of the day's intervals.
        const offsetsAgree = local.startOf("day").offset === local.endOf("day").offset;
        if (offsetsAgree)
          expect(status.openNow).toBe(
            today.some((i) => toMinutes(i.open) <= minutes && minutes < toMinutes(i.close)),
          );
        const roundTheClock = DAYS.every((d) =>
          (week[d] ?? []).some((i) => i.open === "00:00" && i.close === END_OF_DAY),
        );
        if (status.openNow) {
          expect(status.opensAt).toBeNull();
          expect(status.closesAt === null).toBe(roundTheClock);
          if (status.closesAt !== null) {
            const closes = Date.parse(status.closesAt);
            expect(closes).toBeGreaterThan(now.getTime());
            expect(openingStatus(week, zone, new Date(closes - 1)).openNow).toBe(true);
            expect(openingStatus(week, zone, new Date(closes)).openNow).toBe(false);
          }
        } else {
          expect(roundTheClock).toBe(false);
          expect(status.closesAt).toBeNull();
          const anyHours = DAYS.some((d) => (week[d] ?? []).length > 0);
          if (!anyHours) expect(status.opensAt).toBeNull();
          if (status.opensAt) {
            const opens = Date.parse(status.opensAt);
            expect(opens).toBeGreaterThan(now.getTime());
            expect(opens - now.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
            expect(openingStatus(week, zone, new Date(opens)).openNow).toBe(true);
            if (offsetsAgree) expect(openingStatus(week, zone, new Date(opens - 60_000)).openNow).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
