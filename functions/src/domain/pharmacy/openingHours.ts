import { DateTime } from "luxon";
import { DAYS } from "../../schemas/profiles";

type Hours = Partial<Record<(typeof DAYS)[number], Array<{ open: string; close: string }>>>;

export interface OpeningStatus {
  openNow: boolean;
  /** When it closes, if open now (ISO instant); null when open now and all week. */
  closesAt: string | null;
  /** When it next opens, if closed now and it opens within the coming week (ISO instant). */
  opensAt: string | null;
}

function at(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(":").map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** "23:59" as a closing time means through midnight: how 24-hour pharmacies write their hours. */
export const END_OF_DAY = "23:59";

/**
 * Open now, closes at, opens at — from weekly hours in the pharmacy's own timezone. Intervals
 * that meet at midnight are joined, so a pharmacy open round the clock is open now and closes
 * only where its hours end. Wall times that a DST change skips are moved forward by luxon.
 */
export function openingStatus(hours: Hours, timezone: string, now: Date): OpeningStatus {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const spans: Array<{ open: DateTime; close: DateTime }> = [];
  for (let offset = -1; offset <= 7; offset += 1) {
    const day = local.startOf("day").plus({ days: offset });
    const intervals = [...(hours[DAYS[day.weekday - 1]] ?? [])].sort((a, b) => a.open.localeCompare(b.open));
    for (const interval of intervals) {
      const open = at(day, interval.open);
      const close =
        interval.close === END_OF_DAY ? day.plus({ days: 1 }).startOf("day") : at(day, interval.close);
      const last = spans.at(-1);
      if (last && open <= last.close) last.close = close > last.close ? close : last.close;
      else spans.push({ open, close });
    }
  }
  const current = spans.find((s) => s.open <= local && local < s.close);
  // Open through the whole week looked at: round the clock, no closing time to give.
  const horizon = local.startOf("day").plus({ days: 8 });
  if (current)
    return {
      openNow: true,
      closesAt: current.close >= horizon ? null : current.close.toUTC().toISO(),
      opensAt: null,
    };
  const next = spans.find((s) => s.open > local);
  return { openNow: false, closesAt: null, opensAt: next ? next.open.toUTC().toISO() : null };
}
