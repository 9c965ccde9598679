import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  AGENDA_MAX_ITEMS,
  agendaDay,
  clinicianSendTime,
  composeAgenda,
  nextAgendaAt,
  shortPatientName,
  type AgendaItem,
} from "./clinician";
import { renderMessage } from "./templates";

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm");
const NIGHT = { startHour: 21, endHour: 7 };
/** A deferred message goes at the quiet hours' end plus its ordering offset (under 87 s). */
const atEndOf = (sent: number, localEnd: string, zone: string) => {
  const offset = sent - at(localEnd, zone);
  expect(offset).toBeGreaterThanOrEqual(0);
  expect(offset).toBeLessThan(87_000);
};

describe("clinicianSendTime: quiet hours on the doctor's clock", () => {
  it("outside quiet hours, or without any, a message goes at once", () => {
    const noon = at("2026-11-30T12:00", "Asia/Kolkata");
    expect(clinicianSendTime(noon, { timezone: "Asia/Kolkata", quietHours: NIGHT })).toBe(noon);
    const night = at("2026-11-30T23:00", "Asia/Kolkata");
    expect(clinicianSendTime(night, { timezone: "Asia/Kolkata", quietHours: null })).toBe(night);
  });

  it("inside them it waits for their end in the doctor's timezone (+05:30), order kept by seconds", () => {
    const zone = "Asia/Kolkata";
    const late = at("2026-11-30T23:00", zone);
    const sent = clinicianSendTime(late, { timezone: zone, quietHours: NIGHT });
    atEndOf(sent, "2026-12-01T07:00", zone);
    const later = clinicianSendTime(late + 60_000, { timezone: zone, quietHours: NIGHT });
    expect(later).toBeGreaterThan(sent);
    expect(later - at("2026-12-01T07:00", zone)).toBeLessThan(87_000);
    // Just after midnight, still quiet: the same morning.
    const small = at("2026-12-01T02:30", zone);
    atEndOf(clinicianSendTime(small, { timezone: zone, quietHours: NIGHT }), "2026-12-01T07:00", zone);
    // The same instant is not quiet for a doctor in London (17:30 there).
    const london = at("2026-11-30T23:00", zone);
    expect(clinicianSendTime(london, { timezone: "Europe/London", quietHours: NIGHT })).toBe(london);
  });

  it("quiet hours within a day (13 to 15) hold a message until 15:00", () => {
    const zone = "Asia/Kolkata";
    const sent = clinicianSendTime(at("2026-11-30T13:10", zone), {
      timezone: zone,
      quietHours: { startHour: 13, endHour: 15 },
    });
    atEndOf(sent, "2026-11-30T15:00", zone);
  });

  it("across spring-forward (London, 29 March 2026) and fall-back (25 October 2026) the end is local 07:00", () => {
    const zone = "Europe/London";
    const spring = clinicianSendTime(at("2026-03-28T23:30", zone), { timezone: zone, quietHours: NIGHT });
    atEndOf(spring, "2026-03-29T07:00", zone);
    expect(DateTime.fromMillis(spring, { zone }).offset).toBe(60);
    const fall = clinicianSendTime(at("2026-10-24T23:30", zone), { timezone: zone, quietHours: NIGHT });
    atEndOf(fall, "2026-10-25T07:00", zone);
    expect(DateTime.fromMillis(fall, { zone }).offset).toBe(0);
  });

  it("quiet hours ending at the hour that does not exist (New York, 8 March 2026, 02:00) end at 03:00", () => {
    const zone = "America/New_York";
    const sent = clinicianSendTime(at("2026-03-08T00:30", zone), {
      timezone: zone,
      quietHours: { startHour: 22, endHour: 2 },
    });
    atEndOf(sent, "2026-03-08T03:00", zone);
  });

  it("a consultation that starts before the quiet hours end is not held past its urgent window", () => {
    const zone = "Asia/Kolkata";
    const now = at("2026-11-30T22:00", zone);
    const start = at("2026-12-01T06:30", zone);
    const sent = clinicianSendTime(
      now,
      { timezone: zone, quietHours: NIGHT },
      { startMs: start, urgentWithinMinutes: 120 },
    );
    expect(local(sent, zone)).toBe("2026-12-01 04:30");
    const soon = at("2026-11-30T22:15", zone);
    const within = clinicianSendTime(
      soon,
      { timezone: zone, quietHours: NIGHT },
      { startMs: soon + 60 * 60_000, urgentWithinMinutes: 120 },
    );
    expect(within).toBe(soon);
  });

  it("property: never earlier than now, never later than a day, never lands inside the quiet hours", () => {
    const zones = ["Asia/Kolkata", "Europe/London", "America/New_York", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        (now, zone, startHour, endHour) => {
          fc.pre(startHour !== endHour);
          const quiet = { startHour, endHour };
          const sent = clinicianSendTime(now, { timezone: zone, quietHours: quiet });
          expect(sent).toBeGreaterThanOrEqual(now);
          expect(sent - now).toBeLessThanOrEqual(25 * 3_600_000 + 87_000);
          const hour = DateTime.fromMillis(sent, { zone }).hour;
          const inQuiet =
            startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
          expect(inQuiet).toBe(false);
        },
      ),
    );
  });
});

describe("shortPatientName: first name and initial at most", () => {
  it.each([
    ["Asha Kaur Sandhu", "Asha S."],
    ["  Ravi   Kumar ", "Ravi K."],
    ["Gurpreet", "Gurpreet"],
    ["आशा शर्मा", "आशा श."],
    ["ਹਰਪ੍ਰੀਤ ਸਿੰਘ", "ਹਰਪ੍ਰੀਤ ਸਿੰ."],
    ["Ravi\nKumar", "Ravi K."],
  ])("%j -> %j", (full, short) => expect(shortPatientName(full)).toBe(short));

  it("nothing to name: null", () => {
    for (const empty of ["", "   ", null, undefined]) expect(shortPatientName(empty)).toBeNull();
  });

  it("property: never more than the first word and one initial of the last", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{1,30}$/), { minLength: 1, maxLength: 5 }),
        (words) => {
          const short = shortPatientName(words.join(" "));
          const first = words[0].slice(0, 24);
          expect(short).toBe(words.length === 1 ? first : `${first} ${words.at(-1)?.[0]}.`);
          // No later word stands in it whole (unless the first word itself ends with it: "Of Of").
          for (const middle of words.slice(1))
            if (middle.length > 1 && !first.endsWith(middle))
              expect(short?.includes(middle + " ")).toBe(false);
        },
      ),
    );
  });
});

describe("nextAgendaAt and agendaDay: the doctor's local time, every day", () => {
  it("today if still ahead, else tomorrow (Kolkata)", () => {
    const zone = "Asia/Kolkata";
    expect(local(nextAgendaAt("07:30", zone, at("2026-11-30T06:00", zone)), zone)).toBe("2026-11-30 07:30");
    expect(local(nextAgendaAt("07:30", zone, at("2026-11-30T07:30", zone)), zone)).toBe("2026-12-01 07:30");
  });

  it("keeps the local time across DST: London 07:00 is 07:00 GMT then 07:00 BST", () => {
    const zone = "Europe/London";
    const before = nextAgendaAt("07:00", zone, at("2026-03-28T08:00", zone));
    expect(local(before, zone)).toBe("2026-03-29 07:00");
    expect(new Date(before).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    const after = nextAgendaAt("07:00", zone, at("2026-10-24T08:00", zone));
    expect(new Date(after).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });

  it("a time the spring-forward skips (New York 02:30 on 8 March 2026) comes an hour later that day", () => {
    const zone = "America/New_York";
    const next = nextAgendaAt("02:30", zone, at("2026-03-07T12:00", zone));
    expect(local(next, zone)).toBe("2026-03-08 03:30");
  });

  it("refuses a time that is not HH:mm and an unknown zone", () => {
    expect(() => nextAgendaAt("7:30", "Asia/Kolkata", 0)).toThrow(/HH:mm/);
    expect(() => nextAgendaAt("07:30", "Mars/Olympus", 0)).toThrow(/timezone/);
  });

  it("agendaDay is the local day, 23 hours long on London's spring-forward day", () => {
    const zone = "Europe/London";
    const day = agendaDay(at("2026-03-29T07:00", zone), zone);
    expect(day.date).toBe("2026-03-29");
    expect(day.toMs - day.fromMs).toBe(23 * 3_600_000);
    const kolkata = agendaDay(Date.parse("2026-11-30T20:00:00Z"), "Asia/Kolkata");
    expect(kolkata.date).toBe("2026-12-01");
  });
});

describe("composeAgenda: count, times, video or clinic; no names", () => {
  const zone = "Asia/Kolkata";
  const day = agendaDay(at("2026-11-30T07:00", zone), zone);
  const item = (time: string, mode: AgendaItem["mode"]): AgendaItem => ({
    startMs: at(`2026-11-30T${time}`, zone),
    mode,
  });

  it("sorts and lists the day in the doctor's language", () => {
    const items = [item("14:00", "video"), item("09:00", "video"), item("10:30", "in_person")];
    expect(composeAgenda(items, day, "en", zone)).toEqual({
      day: "Mon, 30 Nov",
      summary: "3 consultations: 9:00 video, 10:30 clinic, 14:00 video",
    });
    expect(composeAgenda(items, day, "hi", zone).summary).toBe(
      "3 परामर्श: 9:00 वीडियो, 10:30 क्लिनिक, 14:00 वीडियो",
    );
    expect(composeAgenda([item("09:00", "video")], day, "en", zone).summary).toBe(
      "1 consultation: 9:00 video",
    );
  });

  it("an empty day says so", () => {
    expect(composeAgenda([], day, "en", zone).summary).toBe("no consultations booked");
    expect(composeAgenda([], day, "pa", zone).summary).toBe("ਕੋਈ ਸਲਾਹ ਬੁੱਕ ਨਹੀਂ");
  });

  it("a full day lists AGENDA_MAX_ITEMS and counts the rest; the English SMS stays within 3 segments", () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      startMs: day.fromMs + (8 * 60 + i * 20) * 60_000,
      mode: (i % 2 ? "video" : "in_person") as AgendaItem["mode"],
    }));
    const vars = composeAgenda(items, day, "en", zone);
    expect(vars.summary.startsWith("20 consultations: 8:00 clinic, 8:20 video")).toBe(true);
    expect(vars.summary.endsWith(`+${20 - AGENDA_MAX_ITEMS} more`)).toBe(true);
    expect(vars.summary.split(",").length).toBe(AGENDA_MAX_ITEMS + 1);
    for (const language of ["en", "hi", "pa"] as const) {
      const text = renderMessage("clinician.agenda", language, composeAgenda(items, day, language, zone), {
        timezone: zone,
      });
      // 3 segments: 459 GSM-7 characters, or 201 UCS-2 ones (Hindi and Punjabi).
      expect(text.length, language).toBeLessThanOrEqual(language === "en" ? 459 : 201);
    }
  });
});

describe("messages to clinicians carry no PHI beyond a short name", () => {
  const zone = "Asia/Kolkata";
  const start = new Date("2026-11-30T04:00:00Z");
  it.each(["en", "hi", "pa"] as const)(
    "%s: booked, cancelled, moved, reminder fit and name the patient briefly",
    (language) => {
      const patientName = shortPatientName("Simran Kaur Gill") ?? "";
      const texts = [
        renderMessage(
          "clinician.booked",
          language,
          { patientName, start, mode: "video" },
          { timezone: zone },
        ),
        renderMessage("clinician.cancelled", language, { patientName, start }, { timezone: zone }),
        renderMessage(
          "clinician.rescheduled",
          language,
          { patientName, start, previousStart: start },
          { timezone: zone },
        ),
        renderMessage(
          "clinician.reminder",
          language,
          { patientName, start, mode: "in_person" },
          { timezone: zone },
        ),
      ];
      for (const text of texts) {
        expect(text).toContain("Simran G.");
        expect(text).not.toMatch(/Kaur|Gill/);
        // One segment in English (160 GSM-7), two in Hindi and Punjabi (134 UCS-2).
        expect(text.length).toBeLessThanOrEqual(language === "en" ? 160 : 134);
      }
    },
  );
});
