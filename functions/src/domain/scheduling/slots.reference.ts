// The slow, obviously correct oracle for slots.oracle.property.test.ts: `generateSlots` as it
// was before it was made fast (issue 18), from slots.ts at 56d9233. What issue 18 made fast is
// the walk over local dates, the hours of each date, the check of each grid point and the ISO
// strings, and those stay here as they were: it asks luxon at every day boundary, looks the hours
// up with hoursOn and sorts them on every date, and formats every instant with toISOString. What
// was not changed is the same code in both, taken from where generateSlots takes it: the query's
// bounds, grid step and busy windows (slotGrid, blockedWindow) and the wall-clock arithmetic of a
// date (./wallClock: dayClock, toMinutes); slots.test.ts holds those to expected values. Do not
// optimise it and do not use it in handlers: its only job is to say what `generateSlots` must
// return. bench/slots.ts times it too. Not production code: functions/tsconfig.json excludes
// `*.reference.ts` from the build, so it is never compiled into lib/ nor deployed; vitest and tsx
// read it from source, and the root tsconfig.json still type-checks it.
import { DateTime } from "luxon";
import { blockedWindow, hoursOn, slotGrid, type Interval, type Slot, type SlotQuery } from "./slots";
import { dayClock, MINUTE, toMinutes, WEEKDAYS } from "./wallClock";

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
  const grid = slotGrid(query);
  if (!grid) return [];
  const { availability } = query;
  const { zone, before, slotMs, earliest, latest, busy, step, modes } = grid;

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
