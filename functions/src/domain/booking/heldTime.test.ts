import { describe, expect, it } from "vitest";
import { hasEndedHolds, heldIntervals, holdAt, withHold, withoutHold } from "./heldTime";

const M = 60_000;
const now = Date.parse("2026-12-01T00:00:00Z");
const start = now + 60 * M;
const hold = (claim: string, until: number) => ({ end: start + 30 * M, until, claim });

describe("slots held on a doctor's schedule", () => {
  it("a hold blocks its slot until its lease ends, except for the move that holds it", () => {
    const held = withHold(undefined, start, hold("a", now + M), now);
    expect(holdAt(held, start, now)).toMatchObject({ claim: "a" });
    expect(holdAt(held, start, now + M)).toMatchObject({ claim: "a" });
    expect(holdAt(held, start, now + M + 1)).toBeNull();
    expect(holdAt(held, start + 30 * M, now)).toBeNull();
    expect(heldIntervals(held, now)).toEqual([{ start, end: start + 30 * M }]);
    expect(heldIntervals(held, now, "a")).toEqual([]);
    expect(heldIntervals(held, now + 2 * M)).toEqual([]);
  });

  it("every write drops the holds whose lease ended; giving a hold back removes only that claim's", () => {
    const other = start + 30 * M;
    const held = { [String(other)]: { end: other + 30 * M, until: now - 1, claim: "dead" } };
    expect(hasEndedHolds(held, now)).toBe(true);
    const taken = withHold(held, start, hold("a", now + M), now);
    expect(Object.keys(taken)).toEqual([String(start)]);
    expect(hasEndedHolds(taken, now)).toBe(false);
    expect(withoutHold(taken, "b", now)).toEqual(taken);
    expect(withoutHold(taken, "a", now)).toEqual({});
  });
});
