import { Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { REMINDER_PLAN } from "../config/notifications";
import { remindersFor } from "../domain/notifications/outbox";
import { reminderDocSchema, type ReminderDoc } from "../schemas/documents/reminders";
import { converterFor } from "./converter";
import { COLLECTIONS, db, readDoc, readQuery } from "./firestore";

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

/** The due reminders, oldest first: an indexed query whose cost follows the number due. */
export function findDueReminders(now: Date, limit: number): Promise<Array<ReminderDoc & { id: string }>> {
  const query = reminders()
    .where("state", "==", "scheduled")
    .where("dueAt", "<=", Timestamp.fromDate(now))
    .orderBy("dueAt")
    .limit(limit);
  return readQuery(query);
}
