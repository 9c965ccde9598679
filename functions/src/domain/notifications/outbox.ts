import { DateTime } from "luxon";
import type { OutboxState } from "../../schemas/documents/outbox";
import type { SendResult } from "./transport";

/**
 * The outbox state machine, pure. A message is `pending` when enqueued; a worker *claims* it
 * (`processing`, with a lease and one more attempt) in a transaction, sends outside any
 * transaction, then records the outcome in another transaction: `sent` (with the provider's
 * id), `retry` (at a later time, for errors that may pass) or `failed` (with the reason).
 * A worker that dies leaves a lease that ends; the message is then claimed again. A message
 * that is `sent` is never claimed again.
 */
export type { OutboxState };

export interface OutboxStatus {
  state: OutboxState;
  attempts: number;
  leaseUntilMs?: number | null;
  nextAttemptAtMs?: number | null;
}

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 5;

export function canClaim(message: OutboxStatus, nowMs: number): boolean {
  switch (message.state) {
    case "pending":
      return true;
    case "retry":
    case "scheduled":
      return (message.nextAttemptAtMs ?? 0) <= nowMs;
    case "processing":
      return (message.leaseUntilMs ?? 0) < nowMs;
    default:
      return false;
  }
}

export function claim(message: OutboxStatus, nowMs: number, owner: string) {
  return {
    state: "processing" as const,
    attempts: message.attempts + 1,
    leaseUntilMs: nowMs + LEASE_MS,
    leaseOwner: owner,
  };
}

/** A message of the same conversation (one appointment, one number), as the order check sees it. */
export interface QueuedMessage {
  id: string;
  createdAtMs: number;
  state: OutboxState;
}

/** States from which a message may still be sent: it is on its way. `sent` and `failed` are final. */
const ON_ITS_WAY: ReadonlySet<OutboxState> = new Set(["pending", "processing", "retry", "scheduled"]);

/**
 * Messages about one appointment to one number leave in the order they were written (the booking
 * before its cancellation, even when both were held for the doctor's quiet hours and two sweeps
 * run at once): true while a message written before `mine` (earlier `createdAt`, then smaller id)
 * is still on its way. Waiting ends when that one is sent or fails; both are final, so a check
 * that finds nothing before `mine` on its way stays true until the claim.
 */
export function waitsForEarlier(mine: Omit<QueuedMessage, "state">, conversation: QueuedMessage[]): boolean {
  return conversation.some((other) => ON_ITS_WAY.has(other.state) && writtenBefore(other, mine));
}

/**
 * The message written next after `mine` that is still on its way, if any: the one that may have
 * waited for `mine`, to be sent as soon as `mine` is sent or failed.
 */
export function nextInConversation(
  mine: Omit<QueuedMessage, "state">,
  conversation: QueuedMessage[],
): string | null {
  const later = conversation
    .filter((other) => ON_ITS_WAY.has(other.state) && writtenBefore(mine, other))
    .sort((a, b) => (writtenBefore(a, b) ? -1 : 1));
  return later[0]?.id ?? null;
}

/** Written before: earlier `createdAt`, then the smaller id (messages written in one millisecond). */
function writtenBefore(a: Omit<QueuedMessage, "state">, b: Omit<QueuedMessage, "state">): boolean {
  return a.createdAtMs < b.createdAtMs || (a.createdAtMs === b.createdAtMs && a.id < b.id);
}

/** 30 s, 2 min, 8 min, 32 min, then an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 3_600_000);
}

/** The result of one send, as the transport reports it (domain/notifications/transport.ts). */
export type SendOutcome = SendResult;

/** The state after a send attempt (`attempts` already counts it). */
export function afterSend(attempts: number, outcome: SendOutcome, nowMs: number) {
  if (outcome.ok)
    return {
      state: "sent" as const,
      providerId: outcome.providerId,
      providerStatus: outcome.providerStatus,
      error: null,
      nextAttemptAtMs: null,
    };
  if (outcome.retryable && attempts < MAX_ATTEMPTS) {
    return {
      state: "retry" as const,
      error: { code: outcome.code, message: outcome.message },
      nextAttemptAtMs: nowMs + backoffMs(attempts),
    };
  }
  return {
    state: "failed" as const,
    error: { code: outcome.code, message: outcome.message },
    nextAttemptAtMs: null,
  };
}

/** Twilio's delivery statuses, in the order they can advance. */
const DELIVERY_ORDER = ["accepted", "queued", "sending", "sent", "delivered", "read"] as const;
const FINAL_FAILURES = ["undelivered", "failed"];

/** Whether a status callback moves the message forward (callbacks can arrive out of order). */
export function advancesDelivery(current: string | null | undefined, next: string): boolean {
  if (!current) return true;
  if (FINAL_FAILURES.includes(current) || current === "read") return false;
  if (FINAL_FAILURES.includes(next)) return true;
  const rank = (s: string) => DELIVERY_ORDER.indexOf(s as (typeof DELIVERY_ORDER)[number]);
  return rank(next) > rank(current);
}

/** An undelivered WhatsApp message is sent again by SMS, once. */
export function needsSmsFallback(channel: string, status: string, alreadyFellBack: boolean): boolean {
  return channel === "whatsapp" && FINAL_FAILURES.includes(status) && !alreadyFellBack;
}

export interface QuietHours {
  /** Local hour when quiet hours begin (inclusive) and end (exclusive), e.g. 21 and 8. */
  startHour: number;
  endHour: number;
}
export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 21, endHour: 8 };

/**
 * When a non-urgent message due at `dueMs` may go out: unchanged outside quiet hours, else the
 * end of the quiet hours in the recipient's timezone.
 */
export function outsideQuietHours(
  dueMs: number,
  timezone: string,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): number {
  const local = DateTime.fromMillis(dueMs, { zone: timezone });
  const inQuiet =
    quiet.startHour > quiet.endHour
      ? local.hour >= quiet.startHour || local.hour < quiet.endHour
      : local.hour >= quiet.startHour && local.hour < quiet.endHour;
  if (!inQuiet) return dueMs;
  let end = local.set({ hour: quiet.endHour, minute: 0, second: 0, millisecond: 0 });
  if (end.toMillis() <= dueMs) end = end.plus({ days: 1 });
  return end.toMillis();
}

/** Reminders before an appointment, in minutes (configurable in config/notifications.ts). */
export interface ReminderPlan {
  offsetsMinutes: number[];
  /** A reminder this close to the start is urgent: quiet hours do not hold it back. */
  urgentWithinMinutes: number;
}

/** The reminders an appointment gets: one per offset whose time is still ahead. */
export function remindersFor(appointmentId: string, startMs: number, nowMs: number, plan: ReminderPlan) {
  return plan.offsetsMinutes
    .map((offset) => ({
      id: `${appointmentId}_${offset}m`,
      offsetMinutes: offset,
      dueAtMs: startMs - offset * 60_000,
    }))
    .filter((r) => r.dueAtMs > nowMs);
}

/**
 * When a due reminder is sent: now, unless it is not urgent and now is in quiet hours; then at
 * the end of the quiet hours, or an urgent-window before the start, whichever comes first.
 */
export function reminderSendTime(
  nowMs: number,
  startMs: number,
  timezone: string,
  plan: ReminderPlan,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): number {
  const urgentFrom = startMs - plan.urgentWithinMinutes * 60_000;
  if (nowMs >= urgentFrom) return nowMs;
  return Math.min(outsideQuietHours(nowMs, timezone, quiet), urgentFrom);
}

/**
 * Outbox ids of messages about an appointment. An id is deterministic, so a transaction retried
 * by the SDK or a scheduler run repeated at the same moment creates the message once, and unique
 * per change of the appointment: the same change twice is one message, two changes are two. The
 * appointment's `history` grows by one entry with every change, so its length names the change.
 *
 * - a reminder: the reminder as first booked keeps its plain id (`reminder_{appointment}_{offset}m`);
 *   after the appointment was moved, the id says after which change (`…_h{history length}`), so
 *   a reminder queued before a move and the one for the new time are two messages, and moving
 *   back to an earlier time (A → B → A) never reuses an id;
 * - a reschedule: one message per move (`appt_{id}_rescheduled_{index of the move in history}`).
 */
export function reminderMessageId(reminderId: string, historyLength: number): string {
  return historyLength <= 1 ? `reminder_${reminderId}` : `reminder_${reminderId}_h${historyLength}`;
}

export function rescheduledMessageId(appointmentId: string, historyIndex: number): string {
  return `appt_${appointmentId}_rescheduled_${historyIndex}`;
}

/** A reminder that failed this often is parked (`failed`) instead of tried again. */
export const REMINDER_MAX_ATTEMPTS = 3;

/**
 * A reminder whose queueing failed (it threw): tried again after the outbox's backoff (so it
 * does not stay at the head of the queue), and parked as `failed` after REMINDER_MAX_ATTEMPTS.
 */
export function reminderAfterFailure(previousAttempts: number, nowMs: number) {
  const attempts = previousAttempts + 1;
  return {
    attempts,
    state: attempts >= REMINDER_MAX_ATTEMPTS ? ("failed" as const) : ("scheduled" as const),
    dueAtMs: nowMs + backoffMs(attempts),
  };
}

/**
 * An expired lease on a message that has had all its attempts: its worker died each time
 * (the message crashes it, or the platform kills it); it is failed instead of claimed again.
 */
export function abandonedAfterLease(message: OutboxStatus, nowMs: number): boolean {
  return (
    message.state === "processing" && (message.leaseUntilMs ?? 0) < nowMs && message.attempts >= MAX_ATTEMPTS
  );
}

/**
 * An appointment's reminders, carried by the appointment itself (`nextReminderAt`, and
 * `reminderOffset` once a run has touched them): the pending reminders are the plan's offsets up
 * to the next one's, in the order they fall due. Booking sets `nextReminderAt` to the first
 * reminder's due time and no offset; then the next offset is the one due at `nextReminderAt`.
 */
export function nextReminderOffset(
  startMs: number,
  nextReminderAtMs: number,
  plan: ReminderPlan,
  stored?: number | null,
): number | null {
  if (stored !== undefined && stored !== null) return stored;
  const upTo = (startMs - nextReminderAtMs) / 60_000;
  const candidates = plan.offsetsMinutes.filter((o) => o <= upTo);
  return candidates.length ? Math.max(...candidates) : null;
}

/** The time an appointment's first reminder is due, or null when every one's time has passed. */
export function firstReminderDue(startMs: number, nowMs: number, plan: ReminderPlan): number | null {
  const due = remindersFor("", startMs, nowMs, plan).map((r) => r.dueAtMs);
  return due.length ? Math.min(...due) : null;
}

/** What a reminder run does with an appointment whose `nextReminderAt` has passed. */
export type ReminderStep =
  /** Queue these reminders now (offsets, largest first); then wait for `next`. */
  | { action: "send"; offsets: number[]; next: { atMs: number; offset: number } | null }
  /** Quiet hours: look again at `atMs` for the same reminder. */
  | { action: "defer"; next: { atMs: number; offset: number } }
  /** None is due yet (or none is left): only `nextReminderAt` moves. */
  | { action: "wait"; next: { atMs: number; offset: number } | null };

/**
 * The reminders of an appointment due at `nowMs`: each pending one whose time has come is queued
 * (a run that was late queues every one it missed, as separate messages), unless quiet hours
 * hold them back (reminderSendTime); the next pending one sets when to look again.
 */
export function reminderStep(
  a: { startMs: number; nextReminderAtMs: number; reminderOffset?: number | null; timezone: string },
  nowMs: number,
  plan: ReminderPlan,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): ReminderStep {
  const from = nextReminderOffset(a.startMs, a.nextReminderAtMs, plan, a.reminderOffset);
  const pending = plan.offsetsMinutes
    .filter((o) => from !== null && o <= from)
    .sort((x, y) => y - x)
    .map((offset) => ({ offset, atMs: a.startMs - offset * 60_000 }));
  const due = pending.filter((r) => r.atMs <= nowMs);
  const later = pending.find((r) => r.atMs > nowMs) ?? null;
  if (!due.length) return { action: "wait", next: later };
  const sendAt = reminderSendTime(nowMs, a.startMs, a.timezone, plan, quiet);
  if (sendAt > nowMs) return { action: "defer", next: { atMs: sendAt, offset: due[0].offset } };
  return { action: "send", offsets: due.map((r) => r.offset), next: later };
}
