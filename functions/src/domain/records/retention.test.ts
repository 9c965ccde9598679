import { describe, expect, it } from "vitest";
import { RETENTION_YEARS, retainUntil } from "./retention";

describe("retainUntil", () => {
  it("is three years on, to the millisecond", () => {
    expect(RETENTION_YEARS).toBe(3);
    expect(retainUntil(new Date("2026-11-21T05:30:00.123Z")).toISOString()).toBe("2029-11-21T05:30:00.123Z");
  });
  it("moves 29 February to 1 March when the later year has none", () => {
    expect(retainUntil(new Date("2028-02-29T10:00:00Z")).toISOString()).toBe("2031-03-01T10:00:00.000Z");
  });
});
