import { DateTime, Info, type Zone } from "luxon";
import type { Availability, ConsultationMode, WallInterval } from "../../schemas/scheduling";
import { dayClock, MINUTE, toMinutes, WEEKDAYS, type Weekday } from "./wallClock";

/** A half-open instant interval [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export interface Slot {
  /** UTC instants, ISO 8601. */
  start: string;
  end: string;
  /** The same start as the doctor's clock shows it. */
  localDate: string;
  localTime: string;
  timezone: string;
  modes: ConsultationMode[];
}

export interface SlotQuery {
  availability: Availability;
  /** Appointments and holds that occupy the doctor, as [start, end) instants. */
  busy: readonly Interval[];
  now: Date;
  from: Date;
  to: Date;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;

/** The time a slot keeps the doctor occupied: the consultation and its buffers. */
export function blockedWindow(
  slot: Interval,
  availability: Pick<Availability, "bufferBeforeMinutes" | "bufferAfterMinutes">,
): Interval {
  return {
    start: slot.start - availability.bufferBeforeMinutes * MINUTE,
    end: slot.end + availability.bufferAfterMinutes * MINUTE,
  };
}

/** The hours that apply on a local date: leave, else the date's exception, else the weekday's rule. */
export function hoursOn(
  availability: Availability,
  isoDate: string,
  weekday: Weekday,
): readonly WallInterval[] {
  if (availability.leave.some((l) => l.from <= isoDate && isoDate <= l.to)) return [];
  const exception = availability.exceptions.find((e) => e.date === isoDate);
  if (exception) return exception.intervals;
  return availability.weekly[weekday] ?? [];
}

/** Sorted, disjoint windows, so that an overlap check is one binary search. */
function mergeWindows(windows: Interval[]): Interval[] {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const w of sorted) {
    const last = merged.at(-1);
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged;
}

/**
 * What a query fixes before any slot is laid, the same for generateSlots and its reference: the
 * instants a slot may start in, [earliest, latest) (from `from` and the minimum notice to `to`
 * and the booking horizon), the busy intervals' blocked windows merged, and the grid's step in
 * minutes (buffer before + slot + buffer after). Null when no slot can start.
 */
export function slotGrid(query: SlotQuery) {
  const { availability, now, from, to } = query;
  const earliest = Math.max(from.getTime(), now.getTime() + availability.minNoticeMinutes * MINUTE);
  const latest = Math.min(to.getTime(), now.getTime() + availability.horizonDays * 24 * 60 * MINUTE);
  if (earliest >= latest) return null;
  return {
    zone: availability.timezone,
    before: availability.bufferBeforeMinutes,
    slotMs: availability.slotMinutes * MINUTE,
    earliest,
    latest,
    busy: mergeWindows(query.busy.map((b) => blockedWindow(b, availability))),
    step: availability.bufferBeforeMinutes + availability.slotMinutes + availability.bufferAfterMinutes,
    modes: availability.modes,
  };
}

/**
 * Free slots of a doctor between `from` and `to`. Pure: every input, including `now`, is an
 * argument. Slots are laid on a grid from the start of each interval in wall-clock steps of
 * (buffer before + slot + buffer after), so a day that springs forward has no slot in the
 * missing hour and a day that falls back does not offer its repeated hour twice (an ambiguous
 * wall time means its first occurrence). An interval is the real time from its start to its
 * end: on a fall-back night, 01:15-02:15 lasts two hours and a slot may span the switch. A grid point whose window would overlap the previous
 * one (after a spring-forward gap) is skipped. A slot is offered when its blocked window lies
 * inside the interval, it starts at least the minimum notice after `now` and before the
 * booking horizon ends, and its blocked window overlaps no busy interval's (taken with the
 * same buffers).
 *
 * Fast (issue 18), and exactly what slots.reference.ts returns (slots.oracle.property.test.ts
 * holds it to that). The reference walks the local dates with luxon's `plus({ days: 1 })` and
 * `startOf("day")`. From a local midnight at instant `ms` whose offset `o` is a whole number of
 * minutes and is the zone's offset at `ms`, both land on `ms` + 24 h exactly when the zone's
 * offset there is still `o` (luxon's fixOffset takes its first guess), and that date is a
 * "linear" day of plain minute arithmetic. So the walk costs one offset lookup per date (and
 * those are remembered across calls, see zoneOffsets), and its instants are written from a
 * per-UTC-day prefix and a table of "HH:MM:00.000Z", which is what toISOString gives. Any other
 * date (an offset change, a zone whose midnight is skipped or repeated, a local-mean-time offset
 * in seconds) is handed to luxon and laid exactly as the reference lays it.
 */
export function generateSlots(query: SlotQuery): Slot[] {
  const grid = slotGrid(query);
  if (!grid) return [];
  const { availability } = query;
  const { zone, before, slotMs, earliest, latest, busy, step, modes } = grid;
  const beforeMs = before * MINUTE;
  const afterMs = availability.bufferAfterMinutes * MINUTE;
  const iso = isoWriter();
  const hoursOfDay = hoursLookup(availability);

  const slots: Slot[] = [];
  // Slots come out in order of their start strings (the reference sorts them at the end, which
  // then changes nothing); the check is kept so that any input still gets the reference's order.
  let inOrder = true;
  let lastStart = Number.NEGATIVE_INFINITY;
  const offer = (start: number, slot: Slot) => {
    if (start < lastStart || !(start >= ISO_SORTABLE_FROM && start < ISO_SORTABLE_UNTIL)) inOrder = false;
    lastStart = start;
    slots.push(slot);
  };

  /**
   * The reference's checks of one interval's grid points, in the order it makes them: a slot
   * starting at `start` is offered when its blocked window does not overlap the previous grid
   * point's, lies inside the interval, starts between `earliest` and `latest` and overlaps
   * nothing busy. Ask for the grid points in order: it keeps the previous point's window end.
   */
  const offeredIn = (intervalStart: number, intervalEnd: number) => {
    let previousEnd = Number.NEGATIVE_INFINITY;
    return (start: number): boolean => {
      const blockedStart = start - beforeMs;
      const blockedEnd = start + slotMs + afterMs;
      if (blockedStart < previousEnd) return false;
      previousEnd = blockedEnd;
      if (blockedStart < intervalStart || blockedEnd > intervalEnd) return false;
      if (start < earliest || start >= latest) return false;
      return !overlapsAny(busy, blockedStart, blockedEnd);
    };
  };

  /** The reference's loop on a linear day whose midnight is at `base`, with the same arithmetic. */
  const layLinearDay = (isoDate: string, hours: readonly Hours[], base: number) => {
    for (const { startMinutes, endMinutes } of hours) {
      const offered = offeredIn(base + startMinutes * MINUTE, base + endMinutes * MINUTE);
      for (let m = startMinutes; m + step <= endMinutes; m += step) {
        const start = base + m * MINUTE + beforeMs;
        if (!offered(start)) continue;
        const end = start + slotMs;
        offer(start, {
          start: iso(start),
          end: iso(end),
          localDate: isoDate,
          localTime: WALL_TIMES[m + before] ?? wallTime(m + before),
          timezone: zone,
          modes: [...modes],
        });
      }
    }
  };

  /** The reference's loop on a day of luxon's walk. */
  const layLuxonDay = (day: DateTime) => {
    const isoDate = day.toISODate()!;
    const hours = hoursOfDay(isoDate, day.weekday);
    if (!hours.length) return;
    const clock = dayClock(day);
    if (clock.linear) return layLinearDay(isoDate, hours, day.startOf("day").toMillis());
    for (const { startMinutes, endMinutes } of hours) {
      const offered = offeredIn(clock.bound(startMinutes), clock.bound(endMinutes));
      for (let m = startMinutes; m + step <= endMinutes; m += step) {
        const windowStart = clock.at(m);
        if (windowStart === null) continue; // inside the hour skipped by a spring-forward change
        const start = windowStart + beforeMs;
        if (!offered(start)) continue;
        const end = start + slotMs;
        const local = DateTime.fromMillis(start, { zone });
        offer(start, {
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          localDate: local.toISODate()!,
          localTime: local.toFormat("HH:mm"),
          timezone: zone,
          modes: [...modes],
        });
      }
    }
  };

  // Walk local dates from the day before `earliest` to the day after `latest`, in the zone, as
  // the reference does with luxon; on linear dates without it.
  const timezone = Info.normalizeZone(zone); // what DateTime.fromMillis(ms, { zone }) uses
  const offsetAt = zoneOffsets(timezone);
  let linear = walkEnd(earliest, -1, timezone, offsetAt);
  let day = linear ? null : DateTime.fromMillis(earliest, { zone }).startOf("day").minus({ days: 1 });
  const lastMs =
    walkEnd(latest, 1, timezone, offsetAt)?.ms ??
    DateTime.fromMillis(latest, { zone }).startOf("day").plus({ days: 1 }).toMillis();
  for (;;) {
    if (day) linear = linearStart(day, offsetAt);
    if (linear) {
      // The local midnight of year-month-date is at `ms`, and the zone's offset there is
      // `offset`: while it still is a day later, the date is linear and the next is its midnight.
      let { ms, year, month, date, weekday } = linear;
      while (ms <= lastMs && year >= 1000 && year <= 9999 && offsetAt(ms + DAY) === linear.offset) {
        const isoDate = `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[date]}`;
        const hours = hoursOfDay(isoDate, weekday);
        if (hours.length) layLinearDay(isoDate, hours, ms);
        ms += DAY;
        weekday = weekday === 7 ? 1 : weekday + 1;
        if (date < daysInMonth(year, month)) date += 1;
        else if (month < 12) [month, date] = [month + 1, 1];
        else [year, month, date] = [year + 1, 1, 1];
      }
      if (ms > lastMs) break;
      // Luxon's walk reaches this DateTime here (the zone's offset at `ms` is `offset`); it takes
      // the date.
      day = DateTime.fromMillis(ms, { zone: timezone });
    }
    if (!(day!.toMillis() <= lastMs)) break;
    layLuxonDay(day!);
    day = day!.plus({ days: 1 });
  }
  if (!inOrder) slots.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return slots;
}

const DAY = 24 * 60 * MINUTE;
/** Instants whose ISO strings have four-digit years, so that string order is time order. */
const ISO_SORTABLE_FROM = Date.parse("0000-01-01T00:00:00.000Z");
const ISO_SORTABLE_UNTIL = Date.parse("+010000-01-01T00:00:00.000Z");

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
/** wallTime of each minute of a day. */
const WALL_TIMES = Array.from(
  { length: 24 * 60 },
  (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}`,
);
/** "HH:MM:00.000Z" for each minute of a day: the rest of an ISO instant on a whole minute. */
const ISO_TIMES = WALL_TIMES.map((hhmm) => `${hhmm}:00.000Z`);

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : MONTH_DAYS[month];
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A local midnight of the walk, where it can go on with plain arithmetic. */
interface LinearDay {
  /** The instant of the midnight. */
  ms: number;
  /** The zone's offset in minutes at `ms`, a whole number. */
  offset: number;
  year: number;
  month: number;
  date: number;
  /** 1 (Monday) to 7, as luxon numbers them. */
  weekday: number;
}

/** Luxon's `day` as a LinearDay, when it is a local midnight on a whole-minute offset that the zone has there. */
function linearStart(day: DateTime, offsetAt: (ms: number) => number): LinearDay | null {
  if (!day.isValid || day.hour !== 0 || day.minute !== 0 || day.second !== 0 || day.millisecond !== 0)
    return null;
  const ms = day.toMillis();
  const offset = day.offset;
  if (!Number.isInteger(ms) || !Number.isInteger(offset) || offsetAt(ms) !== offset) return null;
  return { ms, offset, year: day.year, month: day.month, date: day.day, weekday: day.weekday };
}

/**
 * `DateTime.fromMillis(ms, { zone }).startOf("day").plus({ days })`, the ends of the reference's
 * walk, as luxon computes it when each of the two fixOffset calls takes its first guess (the
 * offset at `ms`), which it does unless a day boundary is near an offset change; else null, and
 * luxon is asked.
 */
function walkEnd(ms: number, days: 1 | -1, zone: Zone, offsetAt: (ms: number) => number): LinearDay | null {
  if (!zone.isValid || !Number.isInteger(ms) || !(Math.abs(ms) <= 8.64e15)) return null;
  const offset = zone.offset(ms); // fromMillis
  if (!Number.isInteger(offset)) return null;
  const midnight = Math.floor((ms + offset * MINUTE) / DAY) * DAY; // startOf("day"), local
  if (offsetAt(midnight - offset * MINUTE) !== offset) return null;
  const local = midnight + days * DAY; // plus({ days }), local
  if (offsetAt(local - offset * MINUTE) !== offset) return null;
  const date = new Date(local);
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return {
    ms: local - offset * MINUTE,
    offset,
    year,
    month: date.getUTCMonth() + 1,
    date: date.getUTCDate(),
    weekday: ((((local / DAY + 3) % 7) + 7) % 7) + 1, // 1970-01-01 was a Thursday
  };
}

/**
 * A zone's offset at an instant, as luxon gives it (a call to Intl's formatToParts, the largest
 * cost of generating slots), remembered for IANA zones: the walk asks for local midnights, which
 * every call for a doctor in that zone over those dates asks for again. A cache of a pure
 * function, so generateSlots stays pure; bounded per zone and in zones.
 */
function zoneOffsets(zone: Zone): (ms: number) => number {
  if (zone.type !== "iana" || !zone.isValid) return (ms) => zone.offset(ms);
  let memo = OFFSETS.get(zone.name);
  if (!memo) {
    if (OFFSETS.size >= OFFSETS_ZONES) OFFSETS.clear();
    memo = new Map();
    OFFSETS.set(zone.name, memo);
  }
  const offsets = memo;
  return (ms) => {
    let offset = offsets.get(ms);
    if (offset === undefined) {
      if (offsets.size >= OFFSETS_PER_ZONE) offsets.clear();
      offset = zone.offset(ms);
      offsets.set(ms, offset);
    }
    return offset;
  };
}
const OFFSETS = new Map<string, Map<number, number>>();
const OFFSETS_ZONES = 500;
const OFFSETS_PER_ZONE = 5000;

/**
 * `new Date(ms).toISOString()`, faster: the date part is formatted once per UTC day, and a
 * whole minute's time comes from a table.
 */
function isoWriter() {
  let prefixDay = Number.NaN;
  let prefix = "";
  return (ms: number): string => {
    const t = Math.trunc(ms); // as Date does
    // Four-digit years only; beyond them (or beyond Date's range, where it throws) toISOString.
    if (!(t >= ISO_SORTABLE_FROM && t < ISO_SORTABLE_UNTIL)) return new Date(t).toISOString();
    const utcDay = Math.floor(t / DAY);
    if (utcDay !== prefixDay) {
      const whole = new Date(utcDay * DAY).toISOString();
      prefix = whole.slice(0, whole.length - 13); // "YYYY-MM-DDT"
      prefixDay = utcDay;
    }
    const inDay = t - utcDay * DAY;
    const minute = Math.floor(inDay / MINUTE);
    const rest = inDay - minute * MINUTE;
    if (rest === 0) return prefix + ISO_TIMES[minute];
    return new Date(t).toISOString();
  };
}

interface Hours {
  startMinutes: number;
  endMinutes: number;
}

/**
 * hoursOn, as the reference generator uses it (sorted by start with localeCompare, the bounds in
 * minutes), with each list of hours sorted once per call and the exceptions indexed by date.
 */
function hoursLookup(availability: Availability) {
  const prepared = new Map<readonly WallInterval[], readonly Hours[]>();
  const exceptions = new Map<string, readonly WallInterval[]>();
  for (const e of availability.exceptions) if (!exceptions.has(e.date)) exceptions.set(e.date, e.intervals);
  const leave = availability.leave;
  const none: readonly Hours[] = [];
  return (isoDate: string, weekday: number): readonly Hours[] => {
    for (const l of leave) if (l.from <= isoDate && isoDate <= l.to) return none;
    const hours = exceptions.get(isoDate) ?? availability.weekly[WEEKDAYS[weekday - 1]];
    if (!hours || hours.length === 0) return none;
    let list = prepared.get(hours);
    if (!list) {
      list = [...hours]
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((i) => ({ startMinutes: toMinutes(i.start), endMinutes: toMinutes(i.end) }));
      prepared.set(hours, list);
    }
    return list;
  };
}

/** Does the window [start, end) overlap one of the sorted, disjoint windows? */
function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < merged.length && merged[lo].start < end;
}

const wallTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Is a slot starting at this instant offered, given the same inputs? */
export function isSlotOffered(query: Omit<SlotQuery, "from" | "to">, start: Date): Slot | null {
  const from = start;
  const to = new Date(start.getTime() + 1);
  return generateSlots({ ...query, from, to }).find((s) => Date.parse(s.start) === start.getTime()) ?? null;
}

/** An instant as the doctor's clock shows it. */
export function wallTimeOf(ms: number, zone: string): { localDate: string; localTime: string } {
  const local = DateTime.fromMillis(ms, { zone });
  return { localDate: local.toISODate()!, localTime: local.toFormat("HH:mm") };
}
