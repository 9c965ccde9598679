import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Availability } from "../../schemas/scheduling";
import {
  acknowledges,
  affectedByAvailability,
  affectedBySuspension,
  misfit,
  type BookedAppointment,
} from "./affected";

const MIN = 60_000;

function availability(over: Partial<Availability> = {}): Availability {
  return {
    timezone: "Asia/Kolkata",
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 60,
    modes: ["video", "in_person"],
    weekly: { mon: [{ start: "09:00", end: "13:00" }], tue: [{ start: "09:00", end: "13:00" }] },
    exceptions: [],
    leave: [],
    ...over,
  };
}

/** An appointment at a wall time in a zone. */
function at(
  zone: string,
  iso: string,
  minutes = 30,
  id = iso,
  mode: "video" | "in_person" = "video",
): BookedAppointment {
  const start = DateTime.fromISO(iso, { zone }).toMillis();
  return { id, startMs: start, endMs: start + minutes * MIN, mode };
}

const NOW = new Date("2026-11-01T00:00:00Z");

describe("misfit: which booked appointments a new availability leaves without hours", () => {
  it("inside the weekday's hours it fits; outside, on leave, on an exception day off, or with its mode removed it does not", () => {
    const a = at("Asia/Kolkata", "2026-11-02T09:30"); // a Monday
    expect(misfit(availability(), a)).toBeNull();
    expect(misfit(availability({ weekly: { mon: [{ start: "10:00", end: "13:00" }] } }), a)).toBe("hours");
    expect(misfit(availability({ leave: [{ from: "2026-11-01", to: "2026-11-03" }] }), a)).toBe("leave");
    expect(misfit(availability({ exceptions: [{ date: "2026-11-02", intervals: [] }] }), a)).toBe("hours");
    expect(misfit(availability({ modes: ["in_person"] }), a)).toBe("mode");
    // An exception with extra hours keeps an appointment the weekday would not have.
    const evening = at("Asia/Kolkata", "2026-11-02T18:00");
    expect(misfit(availability(), evening)).toBe("hours");
    expect(
      misfit(
        availability({ exceptions: [{ date: "2026-11-02", intervals: [{ start: "17:00", end: "19:00" }] }] }),
        evening,
      ),
    ).toBeNull();
  });

  it("the end counts: an appointment running past the hours' end no longer fits", () => {
    expect(misfit(availability(), at("Asia/Kolkata", "2026-11-02T12:30"))).toBeNull();
    expect(misfit(availability(), at("Asia/Kolkata", "2026-11-02T12:45"))).toBe("hours");
  });

  it("leave is by the doctor's local date, not the UTC date (+05:30)", () => {
    // 00:30 on Tuesday 3 Nov in Kolkata is 19:00 UTC on Monday 2 Nov.
    const early = at("Asia/Kolkata", "2026-11-03T00:30");
    const open = availability({ weekly: { tue: [{ start: "00:00", end: "24:00" }] } });
    expect(new Date(early.startMs).toISOString()).toBe("2026-11-02T19:00:00.000Z");
    expect(misfit({ ...open, leave: [{ from: "2026-11-02", to: "2026-11-02" }] }, early)).toBeNull();
    expect(misfit({ ...open, leave: [{ from: "2026-11-03", to: "2026-11-03" }] }, early)).toBe("leave");
  });

  it("across a spring-forward night (New York): hours 01:00-04:00 last two real hours", () => {
    const zone = "America/New_York";
    const open = availability({ timezone: zone, weekly: { sun: [{ start: "01:00", end: "04:00" }] } });
    // 2026-03-08: 02:00 becomes 03:00.
    expect(misfit(open, at(zone, "2026-03-08T01:30"))).toBeNull();
    expect(misfit(open, at(zone, "2026-03-08T03:30"))).toBeNull();
    expect(misfit(open, at(zone, "2026-03-08T04:00"))).toBe("hours");
  });

  it("across a fall-back night (New York): the repeated hour is inside 00:00-02:00", () => {
    const zone = "America/New_York";
    const open = availability({ timezone: zone, weekly: { sun: [{ start: "00:00", end: "02:00" }] } });
    // 2026-11-01: 01:00-02:00 happens twice; 05:30Z is the second 01:30 (EST).
    const second = {
      id: "x",
      startMs: Date.parse("2026-11-01T06:30:00Z"),
      endMs: Date.parse("2026-11-01T07:00:00Z"),
      mode: "video" as const,
    };
    expect(DateTime.fromMillis(second.startMs, { zone }).toFormat("HH:mm")).toBe("01:30");
    expect(misfit(open, second)).toBeNull();
    const after = { ...second, startMs: second.startMs + 30 * MIN, endMs: second.endMs + 30 * MIN };
    expect(misfit(open, after)).toBe("hours");
  });

  it("a 30-minute DST shift (Lord Howe Island) is followed too", () => {
    const zone = "Australia/Lord_Howe";
    // 2026-10-04: 02:00 becomes 02:30.
    const open = availability({ timezone: zone, weekly: { sun: [{ start: "01:00", end: "03:00" }] } });
    expect(misfit(open, at(zone, "2026-10-04T01:30"))).toBeNull();
    expect(misfit(open, at(zone, "2026-10-04T02:30"))).toBeNull();
    expect(misfit(open, at(zone, "2026-10-04T02:45"))).toBe("hours");
  });
});

describe("affected lists", () => {
  const booked = [
    at("Asia/Kolkata", "2026-11-03T10:00", 30, "tue"),
    at("Asia/Kolkata", "2026-11-02T09:00", 30, "mon"),
    at("Asia/Kolkata", "2026-10-26T09:00", 30, "past"),
  ];

  it("leave over Monday affects Monday's appointment only; past ones never", () => {
    const next = availability({ leave: [{ from: "2026-10-26", to: "2026-11-02" }] });
    expect(affectedByAvailability(booked, next, NOW)).toEqual([{ id: "mon", reason: "leave" }]);
  });

  it("a suspension affects every appointment not yet started, soonest first", () => {
    expect(affectedBySuspension(booked, NOW)).toEqual([
      { id: "mon", reason: "suspended" },
      { id: "tue", reason: "suspended" },
    ]);
    // One under way is not: the consultation's end is its own.
    const started = { ...booked[1], startMs: NOW.getTime() - MIN };
    expect(affectedBySuspension([started], NOW)).toEqual([]);
  });

  it("the same availability again affects nothing (property: any appointment inside the hours fits)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom("2026-11-02", "2026-11-03"),
        (half, date) => {
          const minutes = 9 * 60 + half * 30;
          const iso = `${date}T${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
          return affectedByAvailability([at("Asia/Kolkata", iso)], availability(), NOW).length === 0;
        },
      ),
    );
  });

  it("acknowledges exactly the listed ids, in any order; a missing or extra one is a changed list", () => {
    const affected = [
      { id: "a", reason: "leave" as const },
      { id: "b", reason: "hours" as const },
    ];
    expect(acknowledges(["b", "a"], affected)).toBe(true);
    expect(acknowledges(["a"], affected)).toBe(false);
    expect(acknowledges(["a", "b", "c"], affected)).toBe(false);
    expect(acknowledges(undefined, affected)).toBe(false);
    expect(acknowledges(undefined, [])).toBe(true);
  });
});
