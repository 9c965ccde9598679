import { describe, expect, it } from "vitest";
import {
  dispensingRefusal,
  fillRefusal,
  PRESCRIBE_AFTER_HOURS,
  prescribingRefusal,
  type PrescribingFacts,
} from "./window";

const START = Date.parse("2030-03-10T04:30:00Z");
const END = START + 30 * 60_000;
const HOUR = 3_600_000;
const booked = (over: Partial<PrescribingFacts> = {}): PrescribingFacts => ({
  status: "booked",
  startMs: START,
  endMs: END,
  ...over,
});

describe("prescribingRefusal", () => {
  it("refuses before the start while no consultation is in progress", () => {
    expect(prescribingRefusal(booked(), START - 60_000)).toMatch(/has not started yet/);
    expect(prescribingRefusal(booked({ sessionStatus: "waiting" }), START - 60_000)).toMatch(
      /has not started yet/,
    );
  });

  it("allows from the start, and earlier once the video consultation is in progress", () => {
    expect(prescribingRefusal(booked(), START)).toBeNull();
    expect(prescribingRefusal(booked({ sessionStatus: "in_progress" }), START - 5 * 60_000)).toBeNull();
  });

  it("allows through the end and the window after it, then refuses", () => {
    expect(prescribingRefusal(booked(), END)).toBeNull();
    expect(prescribingRefusal(booked(), END + PRESCRIBE_AFTER_HOURS * HOUR)).toBeNull();
    expect(prescribingRefusal(booked(), END + PRESCRIBE_AFTER_HOURS * HOUR + 1)).toMatch(
      /closed 72 hours after it ended/,
    );
  });

  it("counts the window from the completion when that is later than the scheduled end", () => {
    const completed = booked({ status: "completed", completedAtMs: END + 2 * HOUR });
    expect(prescribingRefusal(completed, END + (PRESCRIBE_AFTER_HOURS + 1) * HOUR)).toBeNull();
    expect(prescribingRefusal(completed, END + (PRESCRIBE_AFTER_HOURS + 2) * HOUR + 1)).toMatch(/closed/);
  });

  it("never allows a cancelled appointment or a no-show, whatever the time or session", () => {
    for (const sessionStatus of [null, "in_progress", "ended"]) {
      expect(prescribingRefusal(booked({ status: "cancelled", sessionStatus }), START + 60_000)).toMatch(
        /cancelled/,
      );
      expect(prescribingRefusal(booked({ status: "no_show", sessionStatus }), START + 60_000)).toMatch(
        /no-show/,
      );
    }
  });
});

describe("dispensingRefusal", () => {
  it("voids the prescription of a cancelled appointment only", () => {
    expect(dispensingRefusal("cancelled")).toMatch(/cancelled: the prescription is void/);
    for (const status of ["booked", "completed", "no_show", null])
      expect(dispensingRefusal(status)).toBeNull();
  });
});

describe("fillRefusal", () => {
  const issued = Date.parse("2030-03-10T05:00:00Z");
  const DAY = 24 * HOUR;
  it("names the reason: void for a cancelled appointment (before expiry), expired after 30 days", () => {
    expect(fillRefusal("booked", issued, issued + 30 * DAY)).toBeNull();
    expect(fillRefusal(null, issued, issued + DAY)).toBeNull();
    expect(fillRefusal("cancelled", issued, issued + DAY)).toMatchObject({ reason: "prescription-void" });
    expect(fillRefusal("cancelled", issued, issued + 40 * DAY)).toMatchObject({
      reason: "prescription-void",
    });
    expect(fillRefusal("completed", issued, issued + 30 * DAY + 1)).toEqual({
      reason: "prescription-expired",
      message: expect.stringMatching(/expired on 2030-04-09/),
      at: "2030-04-09T05:00:00.000Z",
    });
  });
});
