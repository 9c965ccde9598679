import { describe, expect, it } from "vitest";
import { availabilitySchema, type Availability } from "../../schemas/scheduling";
import { generateSlots, isSlotOffered } from "./slots";

function availability(overrides: Partial<Availability> & { timezone: string }): Availability {
  return availabilitySchema.parse({
    slotMinutes: 30,
    minNoticeMinutes: 0,
    horizonDays: 180,
    modes: ["video"],
    weekly: {},
    ...overrides,
  });
}
const everyDay = (intervals: Array<{ start: string; end: string }>) =>
  Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, intervals]));
const starts = (slots: ReturnType<typeof generateSlots>) => slots.map((s) => s.start);
const local = (slots: ReturnType<typeof generateSlots>) => slots.map((s) => `${s.localDate} ${s.localTime}`);
const NOW = new Date("2026-11-20T00:00:00Z");
const dayBefore = (iso: string) => new Date(Date.parse(iso) - 86400000);

describe("generateSlots: plain days", () => {
  it("lays slots on the weekly hours in the doctor's zone and returns UTC instants", () => {
    const slots = generateSlots({
      availability: availability({
        timezone: "Asia/Kolkata",
        weekly: { tue: [{ start: "09:00", end: "11:00" }] },
      }),
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    expect(starts(slots)).toEqual([
      "2026-12-01T03:30:00.000Z",
      "2026-12-01T04:00:00.000Z",
      "2026-12-01T04:30:00.000Z",
      "2026-12-01T05:00:00.000Z",
    ]);
    expect(slots[0]).toEqual({
      start: "2026-12-01T03:30:00.000Z",
      end: "2026-12-01T04:00:00.000Z",
      localDate: "2026-12-01",
      localTime: "09:00",
      timezone: "Asia/Kolkata",
      modes: ["video"],
    });
  });

  it("steps by slot plus buffers and keeps buffers inside the hours", () => {
    const slots = generateSlots({
      availability: availability({
        timezone: "UTC",
        weekly: everyDay([{ start: "09:00", end: "11:00" }]),
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 10,
        slotMinutes: 20,
      }),
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    // windows 09:00-09:35, 09:35-10:10, 10:10-10:45; 10:45-11:20 does not fit
    expect(local(slots)).toEqual(["2026-12-01 09:05", "2026-12-01 09:40", "2026-12-01 10:15"]);
  });

  it("leaves out busy slots, with buffers on both sides", () => {
    const slots = generateSlots({
      availability: availability({
        timezone: "UTC",
        weekly: everyDay([{ start: "09:00", end: "12:00" }]),
        bufferAfterMinutes: 10,
      }),
      busy: [{ start: Date.parse("2026-12-01T09:40:00Z"), end: Date.parse("2026-12-01T10:10:00Z") }],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    // the grid is 09:00, 09:40, 10:20, 11:00; 09:40 is taken
    expect(local(slots)).toEqual(["2026-12-01 09:00", "2026-12-01 10:20", "2026-12-01 11:00"]);
  });

  it("respects minimum notice and the booking horizon", () => {
    const a = availability({
      timezone: "UTC",
      weekly: everyDay([{ start: "09:00", end: "12:00" }]),
      minNoticeMinutes: 120,
      horizonDays: 2,
    });
    const now = new Date("2026-12-01T08:30:00Z");
    const slots = generateSlots({
      availability: a,
      busy: [],
      now,
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-10T00:00:00Z"),
    });
    expect(slots[0].start).toBe("2026-12-01T10:30:00.000Z");
    expect(slots.at(-1)!.start).toBe("2026-12-02T11:30:00.000Z");
    expect(slots.every((s) => Date.parse(s.start) < now.getTime() + 2 * 86400000)).toBe(true);
  });

  it("applies leave and date exceptions (a day off, and extra hours)", () => {
    const a = availability({
      timezone: "UTC",
      weekly: everyDay([{ start: "09:00", end: "10:00" }]),
      leave: [{ from: "2026-12-02", to: "2026-12-03" }],
      exceptions: [
        { date: "2026-12-04", intervals: [] },
        { date: "2026-12-05", intervals: [{ start: "14:00", end: "15:00" }] },
      ],
    });
    const slots = generateSlots({
      availability: a,
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-06T00:00:00Z"),
    });
    expect(local(slots)).toEqual([
      "2026-12-01 09:00",
      "2026-12-01 09:30",
      "2026-12-05 14:00",
      "2026-12-05 14:30",
    ]);
  });
});

describe("generateSlots: across DST changes", () => {
  const newYork = availability({
    timezone: "America/New_York",
    weekly: everyDay([{ start: "00:00", end: "04:00" }]),
    slotMinutes: 30,
  });

  it("offers no slot in the hour skipped when clocks spring forward (New York, 8 March 2026)", () => {
    const slots = generateSlots({
      availability: newYork,
      busy: [],
      now: dayBefore("2026-03-08T05:00:00Z"),
      from: new Date("2026-03-08T05:00:00Z"),
      to: new Date("2026-03-09T04:00:00Z"),
    });
    expect(slots.map((s) => s.localTime)).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30"]);
    // 01:30 EST is 06:30Z and lasts 30 real minutes, to 03:00 EDT
    expect(slots[3]).toMatchObject({ start: "2026-03-08T06:30:00.000Z", end: "2026-03-08T07:00:00.000Z" });
    expect(slots[4].start).toBe("2026-03-08T07:00:00.000Z");
  });

  it("does not offer the repeated hour twice when clocks fall back (New York, 1 November 2026)", () => {
    const slots = generateSlots({
      availability: newYork,
      busy: [],
      now: dayBefore("2026-11-01T04:00:00Z"),
      from: new Date("2026-11-01T04:00:00Z"),
      to: new Date("2026-11-02T05:00:00Z"),
    });
    expect(slots.map((s) => s.localTime)).toEqual([
      "00:00",
      "00:30",
      "01:00",
      "01:30",
      "02:00",
      "02:30",
      "03:00",
      "03:30",
    ]);
    // 01:00 and 01:30 are their first occurrence (EDT, UTC-4)
    expect(slots[2].start).toBe("2026-11-01T05:00:00.000Z");
    expect(slots[3].start).toBe("2026-11-01T05:30:00.000Z");
    expect(slots[4].start).toBe("2026-11-01T07:00:00.000Z");
    expect(new Set(starts(slots)).size).toBe(slots.length);
  });

  it("handles a 30-minute DST shift (Lord Howe Island, 4 October 2026: 02:00 becomes 02:30)", () => {
    const lordHowe = availability({
      timezone: "Australia/Lord_Howe",
      weekly: everyDay([{ start: "01:00", end: "04:00" }]),
      slotMinutes: 30,
    });
    const slots = generateSlots({
      availability: lordHowe,
      busy: [],
      now: dayBefore("2026-10-03T12:00:00Z"),
      from: new Date("2026-10-03T12:00:00Z"),
      to: new Date("2026-10-04T12:00:00Z"),
    });
    expect(slots.map((s) => s.localTime)).toEqual(["01:00", "01:30", "02:30", "03:00", "03:30"]);
    expect(slots[1].end).toBe(slots[2].start);
  });

  it("skips a grid point whose window would overlap the one before a spring-forward gap (Sydney, 4 October 2026)", () => {
    // Found by the property test: 01:55 + 10 min + 15 min buffer ends at 03:20 (clocks jump 02:00 -> 03:00),
    // so the next grid point, 03:10, must not be offered.
    const sydney = availability({
      timezone: "Australia/Sydney",
      weekly: { sun: [{ start: "00:15", end: "03:45" }] },
      slotMinutes: 10,
      bufferAfterMinutes: 15,
    });
    const slots = generateSlots({
      availability: sydney,
      busy: [],
      now: dayBefore("2026-10-03T12:00:00Z"),
      from: new Date("2026-10-03T12:00:00Z"),
      to: new Date("2026-10-04T12:00:00Z"),
    });
    expect(slots.map((s) => s.localTime)).toEqual(["00:15", "00:40", "01:05", "01:30", "01:55"]);
  });

  it("handles the 30-minute fall-back on Lord Howe (5 April 2026: 02:00 becomes 01:30)", () => {
    const lordHowe = availability({
      timezone: "Australia/Lord_Howe",
      weekly: everyDay([{ start: "01:00", end: "03:00" }]),
      slotMinutes: 30,
    });
    const slots = generateSlots({
      availability: lordHowe,
      busy: [],
      now: dayBefore("2026-04-04T12:00:00Z"),
      from: new Date("2026-04-04T12:00:00Z"),
      to: new Date("2026-04-05T12:00:00Z"),
    });
    expect(slots.map((s) => s.localTime)).toEqual(["01:00", "01:30", "02:00", "02:30"]);
    // 01:30 occurs at 14:30Z (+11) and again at 15:00Z (+10:30); it is offered once, first.
    expect(starts(slots)).toEqual([
      "2026-04-04T14:00:00.000Z",
      "2026-04-04T14:30:00.000Z",
      "2026-04-04T15:30:00.000Z",
      "2026-04-04T16:00:00.000Z",
    ]);
  });
});

describe("generateSlots: UTC date boundaries", () => {
  it("Asia/Kolkata: a local day that spans two UTC dates is neither lost nor duplicated", () => {
    const a = availability({
      timezone: "Asia/Kolkata",
      weekly: everyDay([{ start: "04:00", end: "07:00" }]),
      slotMinutes: 60,
    });
    // 04:00-07:00 IST is 22:30Z the day before to 01:30Z.
    const day1 = generateSlots({
      availability: a,
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
    });
    const day2 = generateSlots({
      availability: a,
      busy: [],
      now: dayBefore("2026-12-02T00:00:00Z"),
      from: new Date("2026-12-02T00:00:00Z"),
      to: new Date("2026-12-03T00:00:00Z"),
    });
    const both = generateSlots({
      availability: a,
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-03T00:00:00Z"),
    });
    expect(starts(both)).toEqual([...starts(day1), ...starts(day2)]);
    expect(local(day1)).toEqual(["2026-12-01 06:00", "2026-12-02 04:00", "2026-12-02 05:00"]);
    expect(day1[1].start).toBe("2026-12-01T22:30:00.000Z");
  });

  it("hours up to 24:00 end at midnight local time", () => {
    const a = availability({
      timezone: "Asia/Kolkata",
      weekly: everyDay([{ start: "23:00", end: "24:00" }]),
    });
    const slots = generateSlots({
      availability: a,
      busy: [],
      now: dayBefore("2026-12-01T00:00:00Z"),
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-01T20:00:00Z"),
    });
    expect(local(slots)).toEqual(["2026-12-01 23:00", "2026-12-01 23:30"]);
    expect(slots[1].end).toBe("2026-12-01T18:30:00.000Z");
  });
});

describe("isSlotOffered", () => {
  const a = availability({ timezone: "Asia/Kolkata", weekly: everyDay([{ start: "09:00", end: "10:00" }]) });
  it("finds an offered start and refuses one off the grid or busy", () => {
    expect(
      isSlotOffered({ availability: a, busy: [], now: NOW }, new Date("2026-12-01T03:30:00Z"))?.localTime,
    ).toBe("09:00");
    expect(
      isSlotOffered({ availability: a, busy: [], now: NOW }, new Date("2026-12-01T03:40:00Z")),
    ).toBeNull();
    const busy = [{ start: Date.parse("2026-12-01T03:30:00Z"), end: Date.parse("2026-12-01T04:00:00Z") }];
    expect(isSlotOffered({ availability: a, busy, now: NOW }, new Date("2026-12-01T03:30:00Z"))).toBeNull();
  });
});
