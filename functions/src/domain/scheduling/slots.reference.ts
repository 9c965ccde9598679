// The slow, obviously correct oracle for slots.oracle.property.test.ts: `generateSlots` as it
// was before it was made fast (issue 18), copied verbatim from slots.ts at 56d9233. Only the
// exports differ: generateSlotsReference is the one export, the types come from ./slots, and the
// unused `overlaps` is left out. It asks luxon at every day boundary and every non-linear wall
// time and formats every instant with toISOString. Do not optimise it and do not use it in
// handlers: its only job is to say what `generateSlots` must return. bench/slots.ts times it too.
// Not production code: functions/tsconfig.json excludes `*.reference.ts` from the build, so it is
// never compiled into lib/ nor deployed; vitest and tsx read it from source, and the root
// tsconfig.json still type-checks it. (That is also why its copy of slots.ts's helpers stays.)
import { DateTime } from "luxon";
import type { Availability, WallInterval } from "../../schemas/scheduling";
import type { Interval, Slot, SlotQuery } from "./slots";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTE = 60_000;

/** The time a slot keeps the doctor occupied: the consultation and its buffers. */
function blockedWindow(
  slot: Interval,
  availability: Pick<Availability, "bufferBeforeMinutes" | "bufferAfterMinutes">,
): Interval {
  return {
    start: slot.start - availability.bufferBeforeMinutes * MINUTE,
    end: slot.end + availability.bufferAfterMinutes * MINUTE,
  };
}

/** The hours that apply on a local date: leave, else the date's exception, else the weekday's rule. */
function hoursOn(
  availability: Availability,
  isoDate: string,
  weekday: (typeof WEEKDAYS)[number],
): readonly WallInterval[] {
  if (availability.leave.some((l) => l.from <= isoDate && isoDate <= l.to)) return [];
  const exception = availability.exceptions.find((e) => e.date === isoDate);
  if (exception) return exception.intervals;
  return availability.weekly[weekday] ?? [];
}

/**
 * The wall-clock time on a local date as an instant, or null when that time does not exist
 * there (the hour skipped when clocks spring forward). An ambiguous time (the repeated hour
 * when clocks fall back) resolves to its first occurrence, so it is offered once.
 */
function localInstant(date: DateTime, minutes: number): DateTime | null {
  if (minutes === 24 * 60) return date.plus({ days: 1 }).startOf("day");
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const t = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute },
    { zone: date.zone },
  );
  // Luxon moves a time that does not exist forward; such a time is not offered.
  if (!t.isValid || t.hour !== hour || t.minute !== minute) return null;
  return firstOccurrence(t);
}

/**
 * Luxon resolves a wall time that occurs twice (clocks falling back) to its later instant;
 * take the earlier one, as Temporal's "compatible" disambiguation does. DST shifts are 30, 60
 * or (Antarctica/Troll) 120 minutes.
 */
function firstOccurrence(t: DateTime): DateTime {
  for (const minutes of [120, 60, 30]) {
    const earlier = t.minus({ minutes });
    if (earlier.hour === t.hour && earlier.minute === t.minute && earlier.day === t.day) return earlier;
  }
  return t;
}

/** An interval bound as an instant; a wall time that does not exist moves forward, as clocks do. */
function boundInstant(date: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return date.plus({ days: 1 }).startOf("day").toMillis();
  const t = DateTime.fromObject(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: Math.floor(minutes / 60),
      minute: minutes % 60,
    },
    { zone: date.zone },
  );
  return firstOccurrence(t).toMillis();
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Maps wall-clock minutes of one local date to instants. A day of exactly 24 hours that starts
 * at 00:00 has no offset change, so minutes map linearly; any other day goes through the
 * timezone library minute by minute.
 */
function dayClock(day: DateTime) {
  const start = day.startOf("day");
  const next = day.plus({ days: 1 }).startOf("day");
  const linear =
    start.hour === 0 && start.minute === 0 && next.toMillis() - start.toMillis() === 24 * 60 * MINUTE;
  const base = start.toMillis();
  return {
    linear,
    /** The instant of a wall time that exists, or null in a skipped hour. */
    at: (minutes: number): number | null =>
      linear ? base + minutes * MINUTE : (localInstant(day, minutes)?.toMillis() ?? null),
    /** An interval bound; a skipped wall time moves forward with the clocks. */
    bound: (minutes: number): number => (linear ? base + minutes * MINUTE : boundInstant(day, minutes)),
  };
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

function overlapsAny(merged: readonly Interval[], window: Interval): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].end <= window.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < merged.length && merged[lo].start < window.end;
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
 */
export function generateSlotsReference(query: SlotQuery): Slot[] {
  const { availability, now, from, to } = query;
  const zone = availability.timezone;
  const before = availability.bufferBeforeMinutes;
  const slotMs = availability.slotMinutes * MINUTE;
  const earliest = Math.max(from.getTime(), now.getTime() + availability.minNoticeMinutes * MINUTE);
  const latest = Math.min(to.getTime(), now.getTime() + availability.horizonDays * 24 * 60 * MINUTE);
  if (earliest >= latest) return [];
  const busy = mergeWindows(query.busy.map((b) => blockedWindow(b, availability)));
  const step = before + availability.slotMinutes + availability.bufferAfterMinutes;
  const modes = availability.modes;

  const slots: Slot[] = [];
  // Walk local dates from the day before `earliest` to the day after `latest`, in the zone.
  let day = DateTime.fromMillis(earliest, { zone }).startOf("day").minus({ days: 1 });
  const lastDay = DateTime.fromMillis(latest, { zone }).startOf("day").plus({ days: 1 });
  while (day <= lastDay) {
    const isoDate = day.toISODate()!;
    const hours = [...hoursOn(availability, isoDate, WEEKDAYS[day.weekday - 1])].sort((a, b) =>
      a.start.localeCompare(b.start),
    );
    const clock = hours.length ? dayClock(day) : null;
    for (const interval of hours) {
      const startMinutes = toMinutes(interval.start);
      const endMinutes = toMinutes(interval.end);
      const intervalStart = clock!.bound(startMinutes);
      const intervalEnd = clock!.bound(endMinutes);
      let previousEnd = Number.NEGATIVE_INFINITY;
      for (let m = startMinutes; m + step <= endMinutes; m += step) {
        const windowStart = clock!.at(m);
        if (windowStart === null) continue; // inside the hour skipped by a spring-forward change
        const start = windowStart + before * MINUTE;
        const slot = { start, end: start + slotMs };
        const blocked = blockedWindow(slot, availability);
        if (blocked.start < previousEnd) continue;
        previousEnd = blocked.end;
        if (blocked.start < intervalStart || blocked.end > intervalEnd) continue;
        if (slot.start < earliest || slot.start >= latest) continue;
        if (overlapsAny(busy, blocked)) continue;
        const local = clock!.linear ? null : DateTime.fromMillis(start, { zone });
        slots.push({
          start: new Date(slot.start).toISOString(),
          end: new Date(slot.end).toISOString(),
          localDate: local ? local.toISODate()! : isoDate,
          localTime: local ? local.toFormat("HH:mm") : wallTime(m + before),
          timezone: zone,
          modes: [...modes],
        });
      }
    }
    day = day.plus({ days: 1 });
  }
  slots.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return slots;
}

const wallTime = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
