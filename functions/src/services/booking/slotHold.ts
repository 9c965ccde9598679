import { createHash, randomUUID } from "node:crypto";
import { logger } from "firebase-functions";
import { holdAt, withHold, withoutHold, type Hold } from "../../domain/booking/heldTime";
import { errorCode } from "../../domain/shared/errorCode";
import {
  availabilityRef,
  getAvailability,
  scheduleOf,
  updateHeldTime,
  type AvailabilityDoc,
} from "../../repo/availability";
import { getRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import { ConditionalBatch, readVersioned } from "../../repo/optimistic";
import { runTransaction, type Transaction } from "../../repo/transaction";
import { appError } from "../../schemas/errors";
import { slotTaken } from "./slotCheck";

/** How long a hold blocks its slot if its holder dies before confirming or giving it back. */
export const HOLD_LEASE_MS = 60_000;

/** Commits of one hold at most; each lost race on the schedule costs one more read. */
const MAX_HOLD_ATTEMPTS = 8;

export interface SlotHold {
  doctorUid: string;
  startMs: number;
  /** The call, so that a concurrent retry with the same idempotency key gets the first answer. */
  call: IdempotentCall;
}

export const noAvailability = () =>
  appError("failed-precondition", "no-availability", "this doctor has not published availability");

/**
 * Takes a slot in two steps (reschedule; `book` commits optimistically, bookAppointment.ts).
 * First the slot is held on the doctor's schedule document (their availability, which also holds
 * their booked time): one optimistic commit (repo/optimistic.ts) adds a held interval with a
 * lease, valid only if the schedule has not changed since it was read, so of many concurrent
 * attempts one holds it and the rest read the hold and are refused at once, without a transaction.
 * Then `confirm` runs in a transaction, which re-validates everything against the schedule, checks
 * the hold is still its own (`checkHold`) and turns it into booked time. If it fails, the hold is
 * given back; if the process dies, the hold's lease ends. Bookings and listings treat a live hold
 * as taken time (heldIntervals).
 *
 * No lock document: a slot's booked and held time live on the one schedule document every booking
 * and move already reads and writes against its version. (`slotLocks/` written before this layout
 * are read by nothing: a booked one is also booked time on the schedule, a held one's lease ended.)
 */
export async function withSlotHold<T>(
  hold: SlotHold,
  now: Date,
  confirm: (tx: Transaction, claim: string) => Promise<T>,
): Promise<T> {
  const tag = callTag(hold.call);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const claim = randomUUID();
    const result = await holdOnSchedule(hold, { claim, ...(tag && { call: tag }) }, now);
    if (!result.held) {
      // The same patient retrying with the same key while the first attempt is in flight.
      const sameCall = tag !== undefined && result.current?.call === tag;
      if (!sameCall) throw slotTaken();
      const answer = await waitForAnswer<T>(hold, result.current!.claim);
      if (answer !== null) return answer;
      continue; // the first attempt gave its hold back: try again
    }
    try {
      return await runTransaction((tx) => confirm(tx, claim), { maxAttempts: 10 });
    } catch (error) {
      await releaseHold(hold.doctorUid, claim, now).catch((e) =>
        logger.warn("slot.releaseFailed", { doctorUid: hold.doctorUid, code: errorCode(e) }),
      );
      throw error;
    }
  }
  throw slotTaken();
}

/**
 * Inside the confirming transaction, on the schedule it read: this attempt's hold is still in
 * place (nobody took the slot over after its lease ended).
 */
export function checkHold(schedule: AvailabilityDoc, startMs: number, claim: string): void {
  if (schedule.held?.[String(startMs)]?.claim !== claim) throw slotTaken();
}

type HoldResult = { held: true } | { held: false; current: Hold | null };

/** Holds the slot on the schedule unless it is booked or held by a live hold (a dead one is taken over). */
async function holdOnSchedule(
  hold: SlotHold,
  attempt: Pick<Hold, "claim" | "call">,
  now: Date,
): Promise<HoldResult> {
  const nowMs = now.getTime();
  for (let i = 0; i < MAX_HOLD_ATTEMPTS; i += 1) {
    const [read] = await readVersioned(availabilityRef(hold.doctorUid));
    const schedule = scheduleOf(read);
    if (!schedule) throw noAvailability();
    if (schedule.booked?.[String(hold.startMs)] !== undefined) return { held: false, current: null };
    const current = holdAt(schedule.held, hold.startMs, nowMs);
    if (current) return { held: false, current };
    const end = hold.startMs + schedule.slotMinutes * 60_000;
    const held = withHold(
      schedule.held,
      hold.startMs,
      { end, until: nowMs + HOLD_LEASE_MS, ...attempt },
      nowMs,
    );
    if (await new ConditionalBatch().put(read, { held }).commit()) return { held: true };
  }
  logger.warn("slot.holdContended", { doctorUid: hold.doctorUid, attempts: MAX_HOLD_ATTEMPTS });
  throw appError("aborted", "booking-contention", "too many bookings of this doctor at once; try again");
}

/** Gives a hold back after a failed attempt, unless someone else holds the slot by now. */
async function releaseHold(doctorUid: string, claim: string, now: Date): Promise<void> {
  await runTransaction(async (tx) => {
    const schedule = await getAvailability(doctorUid, tx);
    if (!Object.values(schedule?.held ?? {}).some((h) => h.claim === claim)) return;
    updateHeldTime(tx, doctorUid, withoutHold(schedule!.held, claim, now.getTime()));
  });
}

/** A one-way tag of (user, key): no id of a person on the public schedule; none without a key. */
function callTag(call: IdempotentCall): string | undefined {
  if (!call.key) return undefined;
  return createHash("sha256").update(`${call.uid}\n${call.key}`).digest("hex").slice(0, 32);
}

/** Polls for the answer of an in-flight call with the same key; null once its hold is gone. */
async function waitForAnswer<T>(hold: SlotHold, claim: string): Promise<T | null> {
  for (let i = 0; i < 60; i += 1) {
    const answer = await getRecordedAnswer<T>(hold.call);
    if (answer !== null) return answer;
    const schedule = await getAvailability(hold.doctorUid);
    // Gone: turned into booked time with its answer (read once more), or given back.
    if (schedule?.held?.[String(hold.startMs)]?.claim !== claim) return getRecordedAnswer<T>(hold.call);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw slotTaken();
}
