import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  abandonedAfterLease,
  advancesDelivery,
  afterSend,
  backoffMs,
  canClaim,
  claim,
  LEASE_MS,
  MAX_ATTEMPTS,
  needsSmsFallback,
  outsideQuietHours,
  reminderAfterFailure,
  reminderMessageId,
  REMINDER_MAX_ATTEMPTS,
  reminderSendTime,
  remindersFor,
  rescheduledMessageId,
  nextInConversation,
  waitsForEarlier,
  type QueuedMessage,
} from "./outbox";

const now = Date.parse("2026-11-23T04:00:00Z");

describe("claiming", () => {
  it("claims pending messages, due retries and expired leases only", () => {
    expect(canClaim({ state: "pending", attempts: 0 }, now)).toBe(true);
    expect(canClaim({ state: "retry", attempts: 1, nextAttemptAtMs: now }, now)).toBe(true);
    expect(canClaim({ state: "retry", attempts: 1, nextAttemptAtMs: now + 1 }, now)).toBe(false);
    expect(canClaim({ state: "processing", attempts: 1, leaseUntilMs: now - 1 }, now)).toBe(true);
    expect(canClaim({ state: "processing", attempts: 1, leaseUntilMs: now }, now)).toBe(false);
    expect(canClaim({ state: "sent", attempts: 1 }, now)).toBe(false);
    expect(canClaim({ state: "failed", attempts: 5 }, now)).toBe(false);
  });
  it("a claim counts the attempt and sets a lease", () => {
    expect(claim({ state: "pending", attempts: 0 }, now, "w1")).toEqual({
      state: "processing",
      attempts: 1,
      leaseUntilMs: now + LEASE_MS,
      leaseOwner: "w1",
    });
  });
});

describe("a conversation's order (one appointment, one number)", () => {
  const booked: QueuedMessage = { id: "appt_a_booked_dr", createdAtMs: now, state: "scheduled" };
  const cancelled = { id: "appt_a_cancelled_dr", createdAtMs: now + 60_000 };
  it("a message waits while one written before it is on its way, whatever its state", () => {
    for (const state of ["pending", "processing", "retry", "scheduled"] as const)
      expect(
        waitsForEarlier(cancelled, [
          { ...booked, state },
          { ...cancelled, state: "pending" },
        ]),
      ).toBe(true);
  });
  it("goes once the earlier one is sent or failed, and never waits for a later one or itself", () => {
    expect(waitsForEarlier(cancelled, [{ ...booked, state: "sent" }])).toBe(false);
    expect(waitsForEarlier(cancelled, [{ ...booked, state: "failed" }])).toBe(false);
    expect(waitsForEarlier(booked, [booked, { ...cancelled, state: "pending" }])).toBe(false);
    expect(waitsForEarlier(cancelled, [])).toBe(false);
  });
  it("messages written in the same millisecond go in id order", () => {
    const twin = { id: "appt_a_zz", createdAtMs: now, state: "pending" as const };
    expect(waitsForEarlier({ id: "appt_a_zz", createdAtMs: now }, [{ ...booked, state: "pending" }])).toBe(
      true,
    );
    expect(waitsForEarlier(booked, [twin])).toBe(false);
  });
  it("once a message is done, the one written next that is on its way is sent after it", () => {
    const rescheduled = { id: "appt_a_rescheduled_1", createdAtMs: now + 30_000, state: "pending" as const };
    const conversation = [
      { ...booked, state: "sent" as const },
      { ...cancelled, state: "pending" as const },
      rescheduled,
      { id: "appt_a_reminder", createdAtMs: now + 10_000, state: "failed" as const },
    ];
    expect(nextInConversation(booked, conversation)).toBe(rescheduled.id);
    expect(nextInConversation(rescheduled, conversation)).toBe(cancelled.id);
    expect(nextInConversation(cancelled, conversation)).toBeNull();
  });
  it("of any conversation, exactly one unfinished message may go: the first written, so nothing waits forever", () => {
    const states = fc.constantFrom("pending", "processing", "retry", "scheduled", "sent", "failed" as const);
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.string(), createdAtMs: fc.integer({ min: 0, max: 5 }), state: states }),
          {
            selector: (m) => m.id,
          },
        ),
        (conversation) => {
          const onItsWay = conversation.filter((m) => m.state !== "sent" && m.state !== "failed");
          const free = onItsWay.filter((m) => !waitsForEarlier(m, conversation));
          expect(free).toHaveLength(onItsWay.length === 0 ? 0 : 1);
          if (free.length === 1)
            for (const m of onItsWay) expect(m.createdAtMs).toBeGreaterThanOrEqual(free[0].createdAtMs);
        },
      ),
    );
  });
});

describe("after a send", () => {
  it("records the provider id when sent", () => {
    expect(afterSend(1, { ok: true, providerId: "SM1", providerStatus: "queued" }, now)).toMatchObject({
      state: "sent",
      providerId: "SM1",
      error: null,
    });
  });
  it("retries passing errors with backoff, then fails", () => {
    const err = { ok: false as const, retryable: true, code: "http-503", message: "Service unavailable" };
    expect(afterSend(1, err, now)).toEqual({
      state: "retry",
      error: { code: "http-503", message: "Service unavailable" },
      nextAttemptAtMs: now + 30_000,
    });
    expect(afterSend(2, err, now).nextAttemptAtMs).toBe(now + 120_000);
    expect(afterSend(MAX_ATTEMPTS, err, now).state).toBe("failed");
  });
  it("fails permanent errors at once, with the reason", () => {
    expect(
      afterSend(1, { ok: false, retryable: false, code: "twilio-21211", message: "invalid number" }, now),
    ).toEqual({
      state: "failed",
      error: { code: "twilio-21211", message: "invalid number" },
      nextAttemptAtMs: null,
    });
  });
  it("backs off up to an hour", () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([
      30_000, 120_000, 480_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});

describe("delivery status", () => {
  it("moves forward only, whatever order callbacks arrive in", () => {
    expect(advancesDelivery("queued", "sent")).toBe(true);
    expect(advancesDelivery("delivered", "sent")).toBe(false);
    expect(advancesDelivery("sent", "undelivered")).toBe(true);
    expect(advancesDelivery("failed", "delivered")).toBe(false);
    expect(advancesDelivery(null, "queued")).toBe(true);
  });
  it("falls back to SMS once for an undelivered WhatsApp message", () => {
    expect(needsSmsFallback("whatsapp", "undelivered", false)).toBe(true);
    expect(needsSmsFallback("whatsapp", "failed", true)).toBe(false);
    expect(needsSmsFallback("sms", "undelivered", false)).toBe(false);
    expect(needsSmsFallback("whatsapp", "delivered", false)).toBe(false);
  });
});

describe("quiet hours (21:00 to 08:00 local)", () => {
  it("defers a message due at 23:00 IST to 08:00 IST the next morning", () => {
    const due = Date.parse("2026-11-23T17:30:00Z"); // 23:00 IST
    expect(new Date(outsideQuietHours(due, "Asia/Kolkata")).toISOString()).toBe("2026-11-24T02:30:00.000Z");
  });
  it("defers 06:00 IST to 08:00 the same morning and leaves 12:00 alone", () => {
    expect(
      new Date(outsideQuietHours(Date.parse("2026-11-23T00:30:00Z"), "Asia/Kolkata")).toISOString(),
    ).toBe("2026-11-23T02:30:00.000Z");
    expect(outsideQuietHours(Date.parse("2026-11-23T06:30:00Z"), "Asia/Kolkata")).toBe(
      Date.parse("2026-11-23T06:30:00Z"),
    );
  });
});

describe("reminders", () => {
  const plan = { offsetsMinutes: [1440, 60], urgentWithinMinutes: 180 };
  const start = Date.parse("2026-11-25T04:00:00Z");
  it("plans one reminder per offset still ahead, with deterministic ids", () => {
    expect(remindersFor("a1", start, now, plan)).toEqual([
      { id: "a1_1440m", offsetMinutes: 1440, dueAtMs: start - 1440 * 60_000 },
      { id: "a1_60m", offsetMinutes: 60, dueAtMs: start - 3_600_000 },
    ]);
    expect(remindersFor("a1", start, start - 30 * 60_000, plan)).toEqual([]);
  });
  it("holds a non-urgent reminder through quiet hours but never past the urgent window", () => {
    const lateEvening = Date.parse("2026-11-24T16:30:00Z"); // 22:00 IST
    const morningAppointment = Date.parse("2026-11-25T03:30:00Z"); // 09:00 IST
    expect(
      new Date(reminderSendTime(lateEvening, morningAppointment, "Asia/Kolkata", plan)).toISOString(),
    ).toBe("2026-11-25T00:30:00.000Z");
    const earlyAppointment = Date.parse("2026-11-25T02:00:00Z"); // 07:30 IST
    expect(
      new Date(reminderSendTime(lateEvening, earlyAppointment, "Asia/Kolkata", plan)).toISOString(),
    ).toBe("2026-11-24T23:00:00.000Z");
    expect(
      reminderSendTime(Date.parse("2026-11-25T01:30:00Z"), morningAppointment, "Asia/Kolkata", plan),
    ).toBe(Date.parse("2026-11-25T01:30:00Z"));
  });
});

describe("join hints", () => {
  it("exist for every mode in every language, in that language's script", async () => {
    const { joinHintFor } = await import("./templates");
    expect(joinHintFor("video", "en")).toBe("Open the Arogya app to join.");
    expect(joinHintFor("video", "hi")).toMatch(/[\u0900-\u097F]/);
    expect(joinHintFor("in_person", "pa")).toMatch(/[\u0A00-\u0A7F]/);
    expect(() => joinHintFor("phone" as never, "en")).toThrow("no join hint for phone/en");
  });
});

describe("message ids (issue 13)", () => {
  it("a reminder keeps its plain id until the appointment is moved, then one id per change", () => {
    expect(reminderMessageId("a1_1440m", 1)).toBe("reminder_a1_1440m");
    const ids = [1, 2, 3, 4].map((n) => reminderMessageId("a1_1440m", n));
    expect(new Set(ids).size).toBe(4);
  });
  it("one reschedule message per move, also when moving back and forth", () => {
    // A -> B -> A -> B: history indices 1, 2, 3.
    const ids = [1, 2, 3].map((i) => rescheduledMessageId("a1", i));
    expect(ids).toEqual(["appt_a1_rescheduled_1", "appt_a1_rescheduled_2", "appt_a1_rescheduled_3"]);
  });
});

describe("a reminder that keeps failing (issue 13)", () => {
  it("is tried again later, then parked after the last attempt", () => {
    const first = reminderAfterFailure(0, now);
    expect(first).toEqual({ attempts: 1, state: "scheduled", dueAtMs: now + backoffMs(1) });
    expect(reminderAfterFailure(REMINDER_MAX_ATTEMPTS - 2, now).state).toBe("scheduled");
    expect(reminderAfterFailure(REMINDER_MAX_ATTEMPTS - 1, now)).toMatchObject({
      attempts: REMINDER_MAX_ATTEMPTS,
      state: "failed",
    });
  });
  it("a message whose worker died on every attempt is abandoned instead of claimed again", () => {
    const expired = { state: "processing" as const, leaseUntilMs: now - 1 };
    expect(abandonedAfterLease({ ...expired, attempts: MAX_ATTEMPTS }, now)).toBe(true);
    expect(abandonedAfterLease({ ...expired, attempts: MAX_ATTEMPTS - 1 }, now)).toBe(false);
    expect(abandonedAfterLease({ ...expired, leaseUntilMs: now + 1, attempts: MAX_ATTEMPTS }, now)).toBe(
      false,
    );
    expect(abandonedAfterLease({ state: "retry", attempts: MAX_ATTEMPTS }, now)).toBe(false);
  });
});
