import type { Transaction } from "firebase-admin/firestore";
import { REMINDER_PLAN } from "../config/notifications";
import { reminderDocSchema, type ReminderDoc } from "../schemas/documents/reminders";
import { converterFor } from "./converter";
import { COLLECTIONS, db } from "./firestore";

export type { ReminderDoc };

/**
 * `reminders/{appointmentId}_{offset}m`: one document per reminder, as appointments booked
 * before their reminders moved onto the appointment (`nextReminderAt`, `reminderOffset`:
 * handlers/notifications/reminders.ts) had them. Nothing writes or sends them any more;
 * cancelling and closing an appointment still delete any left, and account deletion erases them.
 */
const reminders = () => db().collection(COLLECTIONS.reminders).withConverter(converterFor(reminderDocSchema));

export const reminderRef = (id: string) => reminders().doc(id);

export function deleteReminders(tx: Transaction, appointmentId: string): void {
  for (const offset of REMINDER_PLAN.offsetsMinutes) tx.delete(reminderRef(`${appointmentId}_${offset}m`));
}
