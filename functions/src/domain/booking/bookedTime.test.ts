import { describe, expect, it } from "vitest";
import { bookedIntervals, bookedStartsOf, withBooked } from "./bookedTime";

const H = 3_600_000;
const now = Date.parse("2026-12-01T00:00:00Z");

describe("a doctor's booked time", () => {
  it("takes an interval, frees a moved one and drops the ended ones on every write", () => {
    const booked = { [String(now - 2 * H)]: now - H, [String(now + H)]: now + 1.5 * H };
    const moved = withBooked(
      booked,
      { take: { start: now + 3 * H, end: now + 3.5 * H }, freeStartMs: now + H },
      now,
    );
    expect(moved).toEqual({ [String(now + 3 * H)]: now + 3.5 * H });
    expect(bookedIntervals(moved)).toEqual([{ start: now + 3 * H, end: now + 3.5 * H }]);
    expect(bookedIntervals(moved, now + 3 * H)).toEqual([]);
    expect(withBooked(moved, { freeStartMs: now + 3 * H }, now)).toEqual({});
  });

  it("is read from appointments for a document written before it lived there", () => {
    expect(
      bookedStartsOf(
        [
          { startMs: now - H, endMs: now - 1 },
          { startMs: now + H, endMs: now + 2 * H },
        ],
        now,
      ),
    ).toEqual({ [String(now + H)]: now + 2 * H });
  });
});
