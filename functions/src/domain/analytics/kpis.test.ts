import { describe, expect, it } from "vitest";
import {
  buildKpis,
  consultationsPerDoctor,
  durationStats,
  kpiRangeProblem,
  noShowRate,
  quantile,
  type KpiInputs,
} from "./kpis";

const MIN = 60_000;
const DAY = 86_400_000;

describe("kpiRangeProblem", () => {
  const from = Date.parse("2026-01-01T00:00:00Z");
  it("accepts up to 92 days and refuses a day more", () => {
    expect(kpiRangeProblem(from, from + 92 * DAY)).toBeNull();
    expect(kpiRangeProblem(from, from + 92 * DAY + 1)).toBe("a range of at most 92 days");
  });
  it("refuses an empty or reversed range and non-instants", () => {
    expect(kpiRangeProblem(from, from)).toBe("must be after from");
    expect(kpiRangeProblem(from, from - 1)).toBe("must be after from");
    expect(kpiRangeProblem(Number.NaN, from)).toBe("must be ISO 8601 instants");
  });
});

describe("noShowRate", () => {
  it("is no_show / (completed + no_show)", () => {
    expect(noShowRate({ completed: 6, no_show: 2 })).toBe(0.25);
    expect(noShowRate({ completed: 0, no_show: 3 })).toBe(1);
    expect(noShowRate({ completed: 5, no_show: 0 })).toBe(0);
  });
  it("rounds to four decimals", () => {
    expect(noShowRate({ completed: 2, no_show: 1 })).toBe(0.3333);
  });
  it("is null, not 0 or NaN, when nothing was attended or missed", () => {
    expect(noShowRate({ completed: 0, no_show: 0 })).toBeNull();
  });
});

describe("consultationsPerDoctor", () => {
  it("groups by doctor, busiest first, ties by uid", () => {
    const rows = ["d2", "d1", "d3", "d2", "d1", "d2"].map((doctorUid) => ({ doctorUid }));
    expect(consultationsPerDoctor(rows)).toEqual([
      { doctorUid: "d2", completed: 3 },
      { doctorUid: "d1", completed: 2 },
      { doctorUid: "d3", completed: 1 },
    ]);
    expect(consultationsPerDoctor([{ doctorUid: "b" }, { doctorUid: "a" }])).toEqual([
      { doctorUid: "a", completed: 1 },
      { doctorUid: "b", completed: 1 },
    ]);
  });
  it("is empty for no rows", () => {
    expect(consultationsPerDoctor([])).toEqual([]);
  });
});

describe("quantile (linear interpolation, type 7)", () => {
  it("matches numpy's default", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 10);
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
  });
  it("gives the only value for one value, null for none", () => {
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
  it("refuses q outside [0, 1]", () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], -0.1)).toThrow(RangeError);
  });
});

describe("durationStats", () => {
  it("gives the median and p90 in minutes, whatever the input order", () => {
    const t0 = Date.parse("2026-03-01T00:00:00Z");
    const minutes = [50, 10, 30, 20, 40, 60, 70, 80, 90, 100];
    const stats = durationStats(minutes.map((m) => ({ fromMs: t0, toMs: t0 + m * MIN })));
    expect(stats).toEqual({ count: 10, medianMinutes: 55, p90Minutes: 91 });
  });
  it("leaves out intervals with no end and negative ones", () => {
    const stats = durationStats([
      { fromMs: 0, toMs: 30 * MIN },
      { fromMs: 0, toMs: null },
      { fromMs: null, toMs: 5 * MIN },
      { fromMs: 10 * MIN, toMs: 0 },
      {},
    ]);
    expect(stats).toEqual({ count: 1, medianMinutes: 30, p90Minutes: 30 });
  });
  it("rounds to a tenth of a minute", () => {
    expect(durationStats([{ fromMs: 0, toMs: 100_000 }]).medianMinutes).toBe(1.7);
  });
  it("is null when nothing was measured", () => {
    expect(durationStats([])).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
  });
});

describe("buildKpis", () => {
  const fromMs = Date.parse("2026-02-01T00:00:00Z");
  const toMs = Date.parse("2026-03-01T00:00:00Z");
  const input: KpiInputs = {
    org: "org-1",
    fromMs,
    toMs,
    statusCounts: { booked: 4, cancelled: 1, completed: 3, no_show: 1 },
    completed: [
      { doctorUid: "d1", bookedAtMs: fromMs, consultationStartedAtMs: fromMs + 60 * MIN },
      { doctorUid: "d1", bookedAtMs: fromMs, consultationStartedAtMs: fromMs + 120 * MIN },
      { doctorUid: "d2", bookedAtMs: fromMs, consultationStartedAtMs: null },
    ],
    prescriptionsIssued: 5,
    prescriptionsDispensed: 2,
    dispensed: [
      { issuedAtMs: fromMs, dispensedAtMs: fromMs + 30 * MIN },
      { issuedAtMs: fromMs, dispensedAtMs: fromMs + 90 * MIN },
    ],
    stockOuts: { items: 2, pharmacies: [{ pharmacyId: "p1", items: 2 }] },
    truncated: [],
  };
  it("puts the sections together", () => {
    expect(buildKpis(input)).toEqual({
      org: "org-1",
      from: "2026-02-01T00:00:00.000Z",
      to: "2026-03-01T00:00:00.000Z",
      appointments: { booked: 4, cancelled: 1, completed: 3, no_show: 1, total: 9 },
      noShowRate: 0.25,
      consultationsPerDoctor: [
        { doctorUid: "d1", completed: 2 },
        { doctorUid: "d2", completed: 1 },
      ],
      prescriptions: { issued: 5, dispensed: 2 },
      stockOuts: { items: 2, pharmacies: [{ pharmacyId: "p1", items: 2 }] },
      responseTimes: {
        bookingToConsultationStart: { count: 2, medianMinutes: 90, p90Minutes: 114 },
        issueToDispense: { count: 2, medianMinutes: 60, p90Minutes: 84 },
      },
      truncated: [],
    });
  });
  it("carries platform scope (org null) and truncation through", () => {
    const kpis = buildKpis({ ...input, org: null, truncated: ["consultationsPerDoctor"] });
    expect(kpis.org).toBeNull();
    expect(kpis.truncated).toEqual(["consultationsPerDoctor"]);
  });
});
