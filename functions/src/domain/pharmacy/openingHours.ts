import { DateTime } from "luxon";
import { DAYS } from "../../schemas/profiles";

type Hours = Partial<Record<(typeof DAYS)[number], Array<{ open: string; close: string }>>>;

export interface OpeningStatus {
  openNow: boolean;
  /** When it closes, if open now (ISO instant). */
  closesAt: string | null;
  /** When it next opens, if closed now and it opens within the coming week (ISO instant). */
  opensAt: string | null;
}

function at(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(":").map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * Open now, closes at, opens at — from weekly hours in the pharmacy's own timezone. Wall times
 * that a DST change skips are moved forward by luxon; India has no DST, other zones are handled.
 */
export function openingStatus(hours: Hours, timezone: string, now: Date): OpeningStatus {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  for (let offset = 0; offset <= 7; offset += 1) {
    const day = local.startOf("day").plus({ days: offset });
    const intervals = [...(hours[DAYS[day.weekday - 1]] ?? [])].sort((a, b) => a.open.localeCompare(b.open));
    for (const interval of intervals) {
      const open = at(day, interval.open);
      const close = at(day, interval.close);
      if (offset === 0 && open <= local && local < close) {
        return { openNow: true, closesAt: close.toUTC().toISO(), opensAt: null };
      }
      if (open > local) return { openNow: false, closesAt: null, opensAt: open.toUTC().toISO() };
    }
  }
  return { openNow: false, closesAt: null, opensAt: null };
}
