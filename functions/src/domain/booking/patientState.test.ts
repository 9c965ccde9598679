import { describe, expect, it } from "vitest";
import { ANSWER_KEEP_MS, countRequest, MAX_ANSWERS, withAnswer } from "./patientState";

const now = Date.parse("2030-01-01T10:15:00Z");
const hourly = { limit: 2, windowSeconds: 3600 };

describe("the booking rate window in the patient's state", () => {
  it("counts up to the limit, refuses beyond it with the seconds to the window's end, restarts next window", () => {
    const first = countRequest(undefined, hourly, now);
    expect(first).toEqual({ allowed: true, rate: { window: Math.floor(now / 3_600_000), count: 1 } });
    const second = countRequest(first.allowed ? first.rate : undefined, hourly, now);
    expect(second).toMatchObject({ allowed: true, rate: { count: 2 } });
    const third = countRequest(second.allowed ? second.rate : undefined, hourly, now);
    expect(third).toEqual({ allowed: false, retryAfterSeconds: 45 * 60 });
    expect(countRequest(second.allowed ? second.rate : undefined, hourly, now + 3_600_000)).toMatchObject({
      allowed: true,
      rate: { count: 1 },
    });
  });
});

describe("recent idempotent answers", () => {
  const answer = (at: number) => ({ operation: "book", requestHash: "h", appointmentId: "a", at });
  it("keeps a week of answers and at most the newest MAX_ANSWERS", () => {
    const old = withAnswer({}, "old", answer(now - ANSWER_KEEP_MS - 1), now);
    expect(old).toEqual({});
    let answers = {};
    for (let i = 0; i < MAX_ANSWERS + 5; i += 1)
      answers = withAnswer(answers, `k${i}`, answer(now - 1000 + i), now);
    expect(Object.keys(answers)).toHaveLength(MAX_ANSWERS);
    expect(answers).toHaveProperty(`k${MAX_ANSWERS + 4}`);
    expect(answers).not.toHaveProperty("k0");
  });
});
