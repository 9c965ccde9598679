import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUIET_HOURS,
  firstReminderDue,
  nextReminderOffset,
  reminderStep,
  remindersFor,
} from "./outbox";

const plan = { offsetsMinutes: [1440, 60], urgentWithinMinutes: 180 };
const zone = "Asia/Kolkata";
const MINUTE = 60_000;
const ist = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe("the reminders an appointment carries", () => {
  const start = ist("2026-12-02T12:00");
  it("as booked: the next one is the one due at nextReminderAt", () => {
    expect(nextReminderOffset(start, start - 1440 * MINUTE, plan)).toBe(1440);
    expect(nextReminderOffset(start, start - 60 * MINUTE, plan)).toBe(60);
    expect(nextReminderOffset(start, start - 30 * MINUTE, plan)).toBeNull();
    // Once a run stored it (deferred, or retried after a failure), the stored one.
    expect(nextReminderOffset(start, start - 60 * MINUTE, plan, 1440)).toBe(1440);
    expect(firstReminderDue(start, start - 2 * 86_400_000, plan)).toBe(start - 1440 * MINUTE);
    expect(firstReminderDue(start, start - 10 * 3_600_000, plan)).toBe(start - 60 * MINUTE);
    expect(firstReminderDue(start, start - 30 * MINUTE, plan)).toBeNull();
  });

  it("sends the one due and waits for the next", () => {
    const now = start - 1440 * MINUTE;
    expect(reminderStep({ startMs: start, nextReminderAtMs: now, timezone: zone }, now, plan)).toEqual({
      action: "send",
      offsets: [1440],
      next: { atMs: start - 60 * MINUTE, offset: 60 },
    });
    const hour = start - 60 * MINUTE;
    expect(
      reminderStep(
        { startMs: start, nextReminderAtMs: hour, reminderOffset: 60, timezone: zone },
        hour,
        plan,
      ),
    ).toEqual({ action: "send", offsets: [60], next: null });
  });

  it("a late run sends every reminder it missed, each once", () => {
    const now = start - 30 * MINUTE;
    expect(
      reminderStep({ startMs: start, nextReminderAtMs: start - 1440 * MINUTE, timezone: zone }, now, plan),
    ).toEqual({ action: "send", offsets: [1440, 60], next: null });
  });

  it("quiet hours hold the day-before reminder to their end, for the same reminder", () => {
    const late = ist("2026-12-02T23:00");
    const now = late - 1440 * MINUTE; // 23:00 the day before
    expect(reminderStep({ startMs: late, nextReminderAtMs: now, timezone: zone }, now, plan)).toEqual({
      action: "defer",
      next: { atMs: ist("2026-12-02T08:00"), offset: 1440 },
    });
  });

  it("nothing due yet (a retry set nextReminderAt early): it only waits", () => {
    expect(
      reminderStep(
        { startMs: start, nextReminderAtMs: start - 2000 * MINUTE, reminderOffset: 1440, timezone: zone },
        start - 2000 * MINUTE,
        plan,
      ),
    ).toEqual({ action: "wait", next: { atMs: start - 1440 * MINUTE, offset: 1440 } });
  });

  it("property: runs at any times send each planned reminder once, never early, never in quiet hours unless urgent", () => {
    fc.assert(
      fc.property(
        // booked between 3 days and 10 minutes before the start; start on any minute
        fc.integer({ min: 10, max: 3 * 1440 }),
        fc.integer({ min: 0, max: 7 * 1440 }),
        // gaps between runs: every 5 minutes, or a scheduler that stalls for hours
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 40 }),
        (bookedBefore, startMinute, gaps) => {
          const startMs = ist("2026-12-01T00:00") + startMinute * MINUTE;
          const bookedAt = startMs - bookedBefore * MINUTE;
          const planned = remindersFor("a", startMs, bookedAt, plan).map((r) => r.offsetMinutes);
          let state: { nextReminderAtMs: number | null; reminderOffset?: number } = {
            nextReminderAtMs: firstReminderDue(startMs, bookedAt, plan),
          };
          const sent: Array<{ offset: number; atMs: number }> = [];
          let t = bookedAt;
          // Runs until every planned reminder could have gone (a day past the start at most).
          for (let i = 0; t < startMs + 1440 * MINUTE; i += 1) {
            t += gaps[i % gaps.length] * MINUTE;
            if (state.nextReminderAtMs === null || state.nextReminderAtMs > t) continue;
            const step = reminderStep(
              {
                startMs,
                nextReminderAtMs: state.nextReminderAtMs,
                reminderOffset: state.reminderOffset,
                timezone: zone,
              },
              t,
              plan,
              DEFAULT_QUIET_HOURS,
            );
            if (step.action === "send") for (const offset of step.offsets) sent.push({ offset, atMs: t });
            state = step.next
              ? { nextReminderAtMs: step.next.atMs, reminderOffset: step.next.offset }
              : { nextReminderAtMs: null };
          }
          expect(sent.map((s) => s.offset)).toEqual(planned);
          for (const s of sent) {
            expect(s.atMs).toBeGreaterThanOrEqual(startMs - s.offset * MINUTE);
            const hour = DateTime.fromMillis(s.atMs, { zone }).hour;
            const urgent = s.atMs >= startMs - plan.urgentWithinMinutes * MINUTE;
            if (!urgent) expect(hour >= 21 || hour < 8).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
