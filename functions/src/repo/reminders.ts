import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { REMINDER_PLAN } from "../config/notifications";
import { remindersFor } from "../domain/notifications/outbox";
import { COLLECTIONS, db } from "./firestore";

/**
 * `reminders/{appointmentId}_{offset}m`: one document per reminder of a booked appointment,
 * with the instant it is due. The scheduler's query (state == scheduled, dueAt <= now) reads
 * only what is due. Booking writes them, rescheduling rewrites them for the new start,
 * cancelling deletes them, all in the booking's own transaction.
 */
export const reminderRef = (id: string) => db().collection(COLLECTIONS.reminders).doc(id);

export function scheduleReminders(
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

export function cancelReminders(tx: Transaction, appointmentId: string): void {
  for (const offset of REMINDER_PLAN.offsetsMinutes) tx.delete(reminderRef(`${appointmentId}_${offset}m`));
}

/** The due reminders, oldest first: an indexed query whose cost follows the number due. */
export async function dueReminders(now: Date, limit: number) {
  return db()
    .collection(COLLECTIONS.reminders)
    .where("state", "==", "scheduled")
    .where("dueAt", "<=", Timestamp.fromDate(now))
    .orderBy("dueAt")
    .limit(limit)
    .get();
}
