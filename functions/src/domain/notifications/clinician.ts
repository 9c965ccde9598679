import { DateTime } from "luxon";
import type { Language } from "../../schemas/common";
import type { ConsultationMode } from "../../schemas/scheduling";
import type { QuietHours } from "./outbox";
import { cleanText } from "./templates";

/**
 * What clinicians receive, pure (services/notifications/clinicianMessages.ts sends it): when a
 * message may go out given the doctor's quiet hours, how a patient is named (first name and
 * initial, nothing more), and the daily agenda's text. Times are epoch ms; zones are IANA names.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function inQuietHours(local: DateTime, quiet: QuietHours): boolean {
  return quiet.startHour > quiet.endHour
    ? local.hour >= quiet.startHour || local.hour < quiet.endHour
    : local.hour >= quiet.startHour && local.hour < quiet.endHour;
}

/** The first instant at or after `local` whose local hour is `hour` (DST-safe: a missing hour moves on). */
function nextLocalHour(local: DateTime, hour: number): DateTime {
  let end = local.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (end.toMillis() <= local.toMillis()) end = end.plus({ days: 1 }).set({ hour });
  return end;
}

/**
 * When a message to a clinician, written at `nowMs`, may be sent: at once outside their quiet
 * hours (or without any); inside them, when they end in the doctor's timezone. Nothing is
 * dropped, and deferred messages keep their order: each waits one millisecond more per second
 * it was written after the previous quiet-hours end (under 87 seconds in all), so "booked" then
 * "cancelled" arrive in that order. A message about a consultation (`startMs`) that would then
 * arrive too late goes `urgentWithinMinutes` before it, or at once when that has passed.
 */
export function clinicianSendTime(
  nowMs: number,
  recipient: { timezone: string; quietHours: QuietHours | null },
  about?: { startMs: number; urgentWithinMinutes: number },
): number {
  const quiet = recipient.quietHours;
  if (!quiet) return nowMs;
  const local = DateTime.fromMillis(nowMs, { zone: recipient.timezone });
  if (!local.isValid) throw new Error(`clinicianSendTime: unknown timezone "${recipient.timezone}"`);
  if (!inQuietHours(local, quiet)) return nowMs;
  const endMs = nextLocalHour(local, quiet.endHour).toMillis();
  const order = Math.max(0, Math.floor((nowMs - (endMs - DAY)) / 1000));
  const deferred = endMs + order;
  if (!about) return deferred;
  const urgentFrom = about.startMs - about.urgentWithinMinutes * MINUTE;
  if (nowMs >= urgentFrom) return nowMs;
  return Math.min(deferred, urgentFrom);
}

/**
 * How a clinician's message names the patient: the first name and the initial of the last
 * ("Asha Kaur Sandhu" -> "Asha S."), one name alone as it is; at most 24 characters of the first
 * name. Unicode-aware (an initial is a whole grapheme, so Devanagari and Gurmukhi keep their
 * marks). Nothing or only spaces -> null (the caller says "a patient").
 */
export function shortPatientName(fullName: string | null | undefined): string | null {
  if (typeof fullName !== "string") return null;
  const words = cleanText(fullName).split(" ").filter(Boolean);
  if (!words.length) return null;
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const graphemes = (s: string) => [...segmenter.segment(s)].map((g) => g.segment);
  const first = graphemes(words[0]).slice(0, 24).join("");
  if (words.length === 1) return first;
  const initial = graphemes(words[words.length - 1])[0];
  return `${first} ${initial}.`;
}

/** "Someone" in each language: the name of a patient without one on their profile. */
export const A_PATIENT: Record<Language, string> = { en: "a patient", hi: "एक मरीज़", pa: "ਇੱਕ ਮਰੀਜ਼" };

/** A local time of day, "HH:mm" (24-hour). */
export const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The next instant, strictly after `afterMs`, at which the local clock in `timezone` reads
 * `time` ("07:30"). On a spring-forward day a time that does not exist is taken an hour later
 * (luxon moves it forward); on a fall-back day the first of the two is taken.
 */
export function nextAgendaAt(time: string, timezone: string, afterMs: number): number {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new Error(`nextAgendaAt: "${time}" is not HH:mm`);
  const local = DateTime.fromMillis(afterMs, { zone: timezone });
  if (!local.isValid) throw new Error(`nextAgendaAt: unknown timezone "${timezone}"`);
  const at = (day: DateTime) =>
    DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: Number(match[1]), minute: Number(match[2]) },
      { zone: timezone },
    );
  let candidate = at(local);
  if (candidate.toMillis() <= afterMs) candidate = at(local.plus({ days: 1 }));
  return candidate.toMillis();
}

/** The local day an agenda due at `atMs` is about: its date and its [start, end) in epoch ms. */
export function agendaDay(atMs: number, timezone: string): { date: string; fromMs: number; toMs: number } {
  const local = DateTime.fromMillis(atMs, { zone: timezone });
  if (!local.isValid) throw new Error(`agendaDay: unknown timezone "${timezone}"`);
  const start = local.startOf("day");
  return {
    date: start.toISODate() ?? "",
    fromMs: start.toMillis(),
    toMs: start.plus({ days: 1 }).toMillis(),
  };
}

/** The most consultations an agenda lists one by one; the rest are counted ("+3 more"). */
export const AGENDA_MAX_ITEMS = 8;

const AGENDA_WORDS: Record<
  Language,
  {
    none: string;
    count: (n: number) => string;
    more: (n: number) => string;
    mode: Record<ConsultationMode, string>;
    locale: string;
  }
> = {
  en: {
    none: "no consultations booked",
    count: (n) => `${n} consultation${n === 1 ? "" : "s"}`,
    more: (n) => `+${n} more`,
    mode: { video: "video", in_person: "clinic" },
    locale: "en-IN",
  },
  hi: {
    none: "कोई परामर्श बुक नहीं",
    count: (n) => `${n} परामर्श`,
    more: (n) => `+${n} और`,
    mode: { video: "वीडियो", in_person: "क्लिनिक" },
    locale: "hi-IN",
  },
  pa: {
    none: "ਕੋਈ ਸਲਾਹ ਬੁੱਕ ਨਹੀਂ",
    count: (n) => `${n} ਸਲਾਹ`,
    more: (n) => `+${n} ਹੋਰ`,
    mode: { video: "ਵੀਡੀਓ", in_person: "ਕਲੀਨਿਕ" },
    locale: "pa-IN",
  },
};

/** One consultation of the day: when and how; nothing about the patient. */
export interface AgendaItem {
  startMs: number;
  mode: ConsultationMode;
}

/**
 * The agenda's variables in the doctor's language and timezone: `day` ("Mon, 30 Nov") and
 * `summary` ("3 consultations: 9:00 video, 10:30 clinic, 14:00 video"), times in 24-hour
 * form (short, and the same in every language), sorted, at most AGENDA_MAX_ITEMS listed.
 */
export function composeAgenda(
  items: readonly AgendaItem[],
  day: { fromMs: number },
  language: Language,
  timezone: string,
): { day: string; summary: string } {
  const words = AGENDA_WORDS[language];
  if (!words) throw new Error(`composeAgenda: unknown language "${String(language)}"`);
  const dayText = new Intl.DateTimeFormat(words.locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: timezone,
    calendar: "gregory",
    numberingSystem: "latn",
  })
    .format(new Date(day.fromMs))
    .replace(/[\u00A0\u2009\u202F]/g, " ");
  if (!items.length) return { day: dayText, summary: words.none };
  const sorted = [...items].sort((a, b) => a.startMs - b.startMs);
  const listed = sorted.slice(0, AGENDA_MAX_ITEMS).map((item) => {
    const time = DateTime.fromMillis(item.startMs, { zone: timezone }).toFormat("H:mm");
    return `${time} ${words.mode[item.mode]}`;
  });
  if (sorted.length > AGENDA_MAX_ITEMS) listed.push(words.more(sorted.length - AGENDA_MAX_ITEMS));
  return { day: dayText, summary: `${words.count(sorted.length)}: ${listed.join(", ")}` };
}
