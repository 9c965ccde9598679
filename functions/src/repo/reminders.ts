import { Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { REMINDER_PLAN } from "../config/notifications";
import { reminderAfterFailure, remindersFor } from "../domain/notifications/outbox";
import { reminderDocSchema, type ReminderDoc } from "../schemas/documents/reminders";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { ReminderDoc };

/**
 * `reminders/{appointmentId}_{offset}m`: one document per reminder of a booked appointment,
 * with the instant it is due. The scheduler's query (state == scheduled, dueAt <= now) reads
 * only what is due. Booking writes them, rescheduling rewrites them for the new start,
 * cancelling deletes them, all in the booking's own transaction.
 */
const reminders = () => db().collection(COLLECTIONS.reminders).withConverter(converterFor(reminderDocSchema));

export const reminderRef = (id: string) => reminders().doc(id);

export function getReminder(id: string, tx?: Transaction): Promise<ReminderDoc | null> {
  return readDoc(reminderRef(id), tx);
}

export function updateReminder(tx: Transaction, id: string, patch: UpdateData<ReminderDoc>): void {
  tx.update(reminderRef(id), patch);
}

/** The appointment's reminders for its (new) start: those still ahead are (re)written, the rest deleted. */
export function setReminders(
  tx: Transaction,
  a: { appointmentId: string; patientUid: string; startMs: number },
  now: Date,
): void {
  const planned = remindersFor(a.appointmentId, a.startMs, now.getTime(), REMINDER_PLAN);
  for (const offset of REMINDER_PLAN.offsetsMinutes) {
    const id = `${a.appointmentId}_${offset}m`;
    const r = planned.find((p) => p.id === id);
    if (!r) {
      tx.delete(reminderRef(id));
      continue;
    }
    tx.set(reminderRef(id), {
      appointmentId: a.appointmentId,
      patientUid: a.patientUid,
      offsetMinutes: offset,
      startAt: Timestamp.fromMillis(a.startMs),
      dueAt: Timestamp.fromMillis(r.dueAtMs),
      state: "scheduled",
      updatedAt: Timestamp.fromDate(now),
    });
  }
}

export function deleteReminders(tx: Transaction, appointmentId: string): void {
  for (const offset of REMINDER_PLAN.offsetsMinutes) tx.delete(reminderRef(`${appointmentId}_${offset}m`));
}

/**
 * The ids of the due reminders, oldest first (an indexed query whose cost follows the number
 * due), malformed ones included: the run reads each in
 * its own transaction, so a reminder it cannot read fails (and is parked) on its own instead of
 * being skipped forever at the head of the queue.
 */
export async function findDueReminderIds(now: Date, limit: number): Promise<string[]> {
  return (await dueReminders(now, limit).select().get()).docs.map((d) => d.id);
}

const dueReminders = (now: Date, limit: number) =>
  reminders()
    .where("state", "==", "scheduled")
    .where("dueAt", "<=", Timestamp.fromDate(now))
    .orderBy("dueAt")
    .limit(limit);

/**
 * A failed attempt to queue the reminder: counted, with its error code, and the reminder is
 * tried again after a backoff or parked as `failed` (reminderAfterFailure). The document is read
 * without its converter, so a malformed reminder is parked too. The state after, or null when
 * the reminder is gone.
 */
export async function recordReminderFailure(
  id: string,
  code: string,
  now: Date,
): Promise<ReminderDoc["state"] | null> {
  const raw = db().collection(COLLECTIONS.reminders).doc(id);
  return db().runTransaction(async (tx) => {
    const snap = await tx.get(raw);
    if (!snap.exists) return null;
    const previous = snap.get("attempts");
    const next = reminderAfterFailure(typeof previous === "number" ? previous : 0, now.getTime());
    tx.update(raw, {
      state: next.state,
      attempts: next.attempts,
      lastError: code,
      dueAt: Timestamp.fromMillis(next.dueAtMs),
      updatedAt: Timestamp.fromDate(now),
    });
    return next.state;
  });
}
