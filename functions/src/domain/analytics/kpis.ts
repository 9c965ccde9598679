/**
 * KPI maths for organisation and platform admins: pure functions of counts and instants read by
 * the handler (handlers/admin/getKpis.ts). No Firestore, no clock.
 */

export const APPOINTMENT_STATUSES = ["booked", "cancelled", "completed", "no_show"] as const;
export type AppointmentStatusKey = (typeof APPOINTMENT_STATUSES)[number];
export type StatusCounts = Record<AppointmentStatusKey, number>;

export { kpiRangeProblem, MAX_KPI_RANGE_DAYS } from "../../schemas/admin";

/**
 * Share of attended-or-missed appointments that were missed: no_show / (completed + no_show),
 * rounded to four decimals; null when there was neither (no division by zero, and "0 %" would
 * claim something that was not measured). Booked and cancelled appointments do not count.
 */
export function noShowRate(counts: Pick<StatusCounts, "completed" | "no_show">): number | null {
  const denominator = counts.completed + counts.no_show;
  if (denominator === 0) return null;
  return round(counts.no_show / denominator, 4);
}

export interface DoctorCount {
  doctorUid: string;
  completed: number;
}

/** Completed appointments grouped by doctor, busiest first (ties by uid, so the order is stable). */
export function consultationsPerDoctor(rows: ReadonlyArray<{ doctorUid: string }>): DoctorCount[] {
  const counts = new Map<string, number>();
  for (const { doctorUid } of rows) counts.set(doctorUid, (counts.get(doctorUid) ?? 0) + 1);
  return [...counts.entries()]
    .map(([doctorUid, completed]) => ({ doctorUid, completed }))
    .sort(
      (a, b) =>
        b.completed - a.completed || (a.doctorUid < b.doctorUid ? -1 : a.doctorUid > b.doctorUid ? 1 : 0),
    );
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of ascending values by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of numpy, R and spreadsheets): the median of [1, 2, 3, 4]
 * is 2.5, the 0.9-quantile of 1..10 is 9.1. Null for no values.
 */
export function quantile(sortedAsc: readonly number[], q: number): number | null {
  if (q < 0 || q > 1 || Number.isNaN(q)) throw new RangeError("q must be between 0 and 1");
  const n = sortedAsc.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sortedAsc[lo] + (h - lo) * (sortedAsc[hi] - sortedAsc[lo]);
}

export interface DurationStats {
  /** How many intervals were measured. */
  count: number;
  /** In minutes, to 0.1; null when nothing was measured. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/**
 * Median and 90th percentile of the minutes between two instants. Intervals missing an end
 * (a consultation that never started, a prescription not dispensed) and negative ones (clock
 * skew, bad data) are left out rather than counted as zero.
 */
export function durationStats(
  intervals: ReadonlyArray<{ fromMs?: number | null; toMs?: number | null }>,
): DurationStats {
  const minutes = intervals
    .filter(
      (i): i is { fromMs: number; toMs: number } =>
        typeof i.fromMs === "number" &&
        typeof i.toMs === "number" &&
        Number.isFinite(i.fromMs) &&
        Number.isFinite(i.toMs),
    )
    .map((i) => (i.toMs - i.fromMs) / 60_000)
    .filter((m) => m >= 0)
    .sort((a, b) => a - b);
  const median = quantile(minutes, 0.5);
  const p90 = quantile(minutes, 0.9);
  return {
    count: minutes.length,
    medianMinutes: median === null ? null : round(median, 1),
    p90Minutes: p90 === null ? null : round(p90, 1),
  };
}

export interface KpiInputs {
  org: string | null;
  fromMs: number;
  toMs: number;
  statusCounts: StatusCounts;
  /** Completed appointments in the period (doctor, when booked, when the consultation started). */
  completed: ReadonlyArray<{
    doctorUid: string;
    bookedAtMs: number | null;
    consultationStartedAtMs: number | null;
  }>;
  prescriptionsIssued: number;
  prescriptionsDispensed: number;
  /** Prescriptions dispensed in the period: issue and dispense instants. */
  dispensed: ReadonlyArray<{ issuedAtMs: number | null; dispensedAtMs: number | null }>;
  stockOuts: { items: number; pharmacies: Array<{ pharmacyId: string; items: number }> | null };
  /** Sections computed from the first N documents only (a read cap was reached). */
  truncated: string[];
}

export interface Kpis {
  org: string | null;
  from: string;
  to: string;
  appointments: StatusCounts & { total: number };
  noShowRate: number | null;
  consultationsPerDoctor: DoctorCount[];
  prescriptions: { issued: number; dispensed: number };
  stockOuts: { items: number; pharmacies: Array<{ pharmacyId: string; items: number }> | null };
  responseTimes: {
    bookingToConsultationStart: DurationStats;
    issueToDispense: DurationStats;
  };
  truncated: string[];
}

export function buildKpis(input: KpiInputs): Kpis {
  const counts = input.statusCounts;
  const total = APPOINTMENT_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return {
    org: input.org,
    from: new Date(input.fromMs).toISOString(),
    to: new Date(input.toMs).toISOString(),
    appointments: { ...counts, total },
    noShowRate: noShowRate(counts),
    consultationsPerDoctor: consultationsPerDoctor(input.completed),
    prescriptions: { issued: input.prescriptionsIssued, dispensed: input.prescriptionsDispensed },
    stockOuts: input.stockOuts,
    responseTimes: {
      bookingToConsultationStart: durationStats(
        input.completed.map((c) => ({ fromMs: c.bookedAtMs, toMs: c.consultationStartedAtMs })),
      ),
      issueToDispense: durationStats(
        input.dispensed.map((d) => ({ fromMs: d.issuedAtMs, toMs: d.dispensedAtMs })),
      ),
    },
    truncated: [...input.truncated],
  };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
