// Fixtures shared by the benchmarks: the slot-generation workload of bench:slots and of
// bench:booking section 1, so both measure the same 50 doctors x 30 days.
import type { SlotQuery } from "../functions/src/domain/scheduling/slots";
import { availabilitySchema } from "../functions/src/schemas/scheduling";

export const SLOT_DOCTORS = 50;
export const SLOT_DAYS = 30;

/**
 * 50 doctors x 30 days: five zones including New York, London and Lord Howe, whose next 30 days
 * cross a fall-back, 10-30 minute slots, a two-day leave and 40 booked half-hours each.
 */
export function doctorSlotQueries(): SlotQuery[] {
  const zones = [
    "Asia/Kolkata",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Europe/London",
  ];
  const now = new Date("2026-10-20T00:00:00Z"); // the next 30 days cross New York's and London's fall-back
  const from = now;
  const to = new Date(now.getTime() + SLOT_DAYS * 86_400_000);
  const queries: SlotQuery[] = [];
  for (let d = 0; d < SLOT_DOCTORS; d += 1) {
    const availability = availabilitySchema.parse({
      timezone: zones[d % zones.length],
      slotMinutes: [10, 15, 20, 30][d % 4],
      bufferAfterMinutes: d % 3 === 0 ? 5 : 0,
      minNoticeMinutes: 60,
      horizonDays: 30,
      modes: ["video"],
      weekly: Object.fromEntries(
        ["mon", "tue", "wed", "thu", "fri", "sat"].map((day) => [
          day,
          [
            { start: "09:00", end: "13:00" },
            { start: "16:00", end: "19:00" },
          ],
        ]),
      ),
      leave: [{ from: "2026-11-05", to: "2026-11-06" }],
    });
    // 40 booked half-hours per doctor, spread over the month.
    const busy = Array.from({ length: 40 }, (_, i) => {
      const start = now.getTime() + (i * 17 + d) * 3_600_000 + 30 * 60_000;
      return { start, end: start + 30 * 60_000 };
    });
    queries.push({ availability, busy, now, from, to });
  }
  return queries;
}
