import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  combine,
  counterId,
  currentWindow,
  decide,
  retryAfterSeconds,
  type RateLimitPolicy,
  type RateSubject,
} from "./rateLimit";

const HOUR: RateLimitPolicy = { limit: 10, windowSeconds: 3600 };
const at = (iso: string) => Date.parse(iso);

describe("currentWindow", () => {
  it("cuts time into epoch-aligned windows: an hour runs from hh:00 UTC", () => {
    const w = currentWindow(HOUR, at("2026-03-12T05:59:59.999Z"));
    expect(new Date(w.startMs).toISOString()).toBe("2026-03-12T05:00:00.000Z");
    expect(new Date(w.endMs).toISOString()).toBe("2026-03-12T06:00:00.000Z");
    expect(currentWindow(HOUR, at("2026-03-12T06:00:00.000Z")).index).toBe(w.index + 1);
  });

  it("a day window runs from 00:00 UTC (05:30 in India)", () => {
    const w = currentWindow({ limit: 3, windowSeconds: 86_400 }, at("2026-03-12T23:00:00Z"));
    expect(new Date(w.startMs).toISOString()).toBe("2026-03-12T00:00:00.000Z");
  });

  it("refuses a policy that makes no sense", () => {
    expect(() => currentWindow({ limit: -1, windowSeconds: 60 }, 0)).toThrow(RangeError);
    expect(() => currentWindow({ limit: 1, windowSeconds: 0 }, 0)).toThrow(RangeError);
    expect(() => currentWindow({ limit: 1.5, windowSeconds: 60 }, 0)).toThrow(RangeError);
  });

  it("contains now, for any instant and window size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 7 * 86_400 }),
        (now, windowSeconds) => {
          const w = currentWindow({ limit: 1, windowSeconds }, now);
          expect(w.startMs).toBeLessThanOrEqual(now);
          expect(now).toBeLessThan(w.endMs);
          expect(w.endMs - w.startMs).toBe(windowSeconds * 1000);
        },
      ),
    );
  });
});

describe("decide", () => {
  const now = at("2026-03-12T05:20:00Z");
  const index = currentWindow(HOUR, now).index;

  it("allows up to the limit, this request included, and says what remains", () => {
    expect(decide({ windowIndex: index, count: 1 }, HOUR, now)).toEqual({ allowed: true, remaining: 9 });
    expect(decide({ windowIndex: index, count: 10 }, HOUR, now)).toEqual({ allowed: true, remaining: 0 });
  });

  it("refuses the one over the limit until the window ends, in whole seconds", () => {
    expect(decide({ windowIndex: index, count: 11 }, HOUR, now)).toEqual({
      allowed: false,
      retryAfterSeconds: 40 * 60,
    });
    expect(decide({ windowIndex: index, count: 11 }, HOUR, now + 500)).toEqual({
      allowed: false,
      retryAfterSeconds: 40 * 60,
    });
    expect(decide({ windowIndex: index, count: 11 }, HOUR, now + 1000)).toEqual({
      allowed: false,
      retryAfterSeconds: 40 * 60 - 1,
    });
  });

  it("never says retry in 0 s, even in the window's last millisecond", () => {
    const last = currentWindow(HOUR, now).endMs - 1;
    expect(decide({ windowIndex: index, count: 99 }, HOUR, last)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(retryAfterSeconds(currentWindow(HOUR, now), currentWindow(HOUR, now).endMs)).toBe(1);
  });

  it("treats a count from another window, or none, as this request alone", () => {
    expect(decide({ windowIndex: index - 1, count: 500 }, HOUR, now)).toEqual({
      allowed: true,
      remaining: 9,
    });
    expect(decide(null, HOUR, now)).toEqual({ allowed: true, remaining: 9 });
  });

  it("with limit 0 refuses everything", () => {
    expect(decide(null, { limit: 0, windowSeconds: 60 }, now).allowed).toBe(false);
  });

  it("allowed exactly when the count is within the limit; a refusal waits at most one window", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (limit, windowSeconds, count, nowMs) => {
          const policy = { limit, windowSeconds };
          const d = decide({ windowIndex: currentWindow(policy, nowMs).index, count }, policy, nowMs);
          expect(d.allowed).toBe(Math.max(1, count) <= limit);
          if (d.allowed) expect(d.remaining).toBe(limit - Math.max(1, count));
          else {
            expect(d.retryAfterSeconds).toBeGreaterThanOrEqual(1);
            expect(d.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
            // Retrying after the wait lands in the next window.
            expect(currentWindow(policy, nowMs + d.retryAfterSeconds * 1000).index).toBeGreaterThan(
              currentWindow(policy, nowMs).index,
            );
          }
        },
      ),
    );
  });
});

/**
 * The repository's protocol (repo/rateLimits.ts, services/callable/rateLimit.ts) on one counter: each
 * request increments, reads, decides, and gives its count back if refused. Any interleaving of
 * those steps across concurrent requests must let at most `limit` through, and a run one after
 * another exactly min(n, limit).
 */
function simulate(
  limit: number,
  requests: number,
  schedule: number[],
): { allowed: number; finalCount: number } {
  const policy = { limit, windowSeconds: 3600 };
  const now = 0;
  let count = 0;
  let allowed = 0;
  const step = Array<number>(requests).fill(0); // 0: increment next, 1: read next, 2: give back next (if refused), 3: done
  const refused = Array<boolean>(requests).fill(false);
  let cursor = 0;
  const advance = (r: number) => {
    if (step[r] === 0) count += 1;
    else if (step[r] === 1) {
      const d = decide({ windowIndex: 0, count }, policy, now);
      if (d.allowed) {
        allowed += 1;
        step[r] = 3;
        return;
      }
      refused[r] = true;
    } else if (step[r] === 2) count -= 1;
    step[r] += 1;
  };
  while (step.some((s) => s < 3)) {
    const pending = step.map((s, r) => (s < 3 ? r : -1)).filter((r) => r >= 0);
    advance(pending[(schedule[cursor++ % Math.max(1, schedule.length)] ?? 0) % pending.length]);
  }
  return { allowed, finalCount: count };
}

describe("increment, read, give back: the limit holds without a transaction", () => {
  it("one after another, exactly the limit passes and the counter ends at it", () => {
    expect(simulate(10, 25, [0])).toEqual({ allowed: 10, finalCount: 10 });
    expect(simulate(10, 4, [0])).toEqual({ allowed: 4, finalCount: 4 });
  });

  it("under any interleaving of concurrent requests, at most the limit passes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
        (limit, n, schedule) => {
          const { allowed, finalCount } = simulate(limit, n, schedule);
          expect(allowed).toBeLessThanOrEqual(limit);
          // Refused requests gave their count back: the counter holds the allowed ones only.
          expect(finalCount).toBe(allowed);
        },
      ),
    );
  });
});

describe("combine", () => {
  it("allows when all allow, with the smallest remainder", () => {
    expect(
      combine([
        { allowed: true, remaining: 4 },
        { allowed: true, remaining: 400 },
      ]),
    ).toEqual({ allowed: true, remaining: 4 });
  });
  it("refuses when any refuses, with the longest wait", () => {
    expect(
      combine([
        { allowed: false, retryAfterSeconds: 30 },
        { allowed: true, remaining: 1 },
        { allowed: false, retryAfterSeconds: 3000 },
      ]),
    ).toEqual({ allowed: false, retryAfterSeconds: 3000 });
  });
});

describe("counterId", () => {
  it("is {scope}:{key}:{window}, with the shard last for a sharded counter", () => {
    expect(counterId("booking", { kind: "user", uid: "u1" }, 493921)).toBe("booking:user-u1:493921");
    expect(counterId("booking", { kind: "org", org: "clinic-nabha" }, 493921, 3)).toBe(
      "booking:org-clinic-nabha:493921:3",
    );
    expect(counterId("phoneVerification", { kind: "number", key: "ab12" }, 20587)).toBe(
      "phoneVerification:number-ab12:20587",
    );
  });

  it("refuses a scope that is not a plain word", () => {
    expect(() => counterId("book/x", { kind: "user", uid: "u" }, 1)).toThrow();
  });

  it("never contains '/' and never gives two counters one id", () => {
    const subject: fc.Arbitrary<RateSubject> = fc.oneof(
      fc.string({ maxLength: 12 }).map((uid) => ({ kind: "user" as const, uid })),
      fc.string({ maxLength: 12 }).map((org) => ({ kind: "org" as const, org })),
      fc.string({ maxLength: 12 }).map((key) => ({ kind: "number" as const, key })),
    );
    const counter = fc.record({
      subject,
      window: fc.nat({ max: 1000 }),
      shard: fc.option(fc.nat({ max: 8 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(counter, counter, (a, b) => {
        const idA = counterId("booking", a.subject, a.window, a.shard);
        const idB = counterId("booking", b.subject, b.window, b.shard);
        expect(idA).not.toContain("/");
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(idA).not.toBe(idB);
      }),
    );
  });
});
