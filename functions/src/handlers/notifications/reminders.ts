import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { QUIET_HOURS, REMINDER_PLAN, SCHEDULER_BATCH } from "../../config/notifications";
import { reminderSendTime } from "../../domain/notifications/outbox";
import { joinHintFor } from "../../domain/notifications/templates";
import type { AppointmentDoc } from "../../repo/appointments";
import { appointmentRef } from "../../repo/appointments";
import { db } from "../../repo/firestore";
import { dueReminders, reminderRef } from "../../repo/reminders";
import { enqueueAppointmentMessage, readRecipient } from "./appointmentMessages";

export interface ReminderRun {
  due: number;
  queued: number;
  deferred: number;
  skipped: number;
}

/**
 * Finds due reminders with one indexed query and queues each in its own transaction: the
 * reminder is still scheduled, its appointment is still booked at the same start (a cancelled
 * or moved appointment gets no reminder), quiet hours hold back a non-urgent one. Two runs at
 * once queue each reminder once: the outbox id is the reminder's, and the reminder's state
 * changes in the same transaction.
 */
export async function runReminders(now: Date, limit = SCHEDULER_BATCH): Promise<ReminderRun> {
  const due = await dueReminders(now, limit);
  const run: ReminderRun = { due: due.size, queued: 0, deferred: 0, skipped: 0 };
  for (const doc of due.docs) run[await queueReminder(doc.id, now)] += 1;
  if (due.size) logger.info("reminders.run", { ...run });
  return run;
}

async function queueReminder(id: string, now: Date): Promise<"queued" | "deferred" | "skipped"> {
  return db().runTransaction(async (tx) => {
    const reminder = await tx.get(reminderRef(id));
    if (
      !reminder.exists ||
      reminder.get("state") !== "scheduled" ||
      (reminder.get("dueAt") as Timestamp).toMillis() > now.getTime()
    )
      return "skipped";
    const appointmentId = reminder.get("appointmentId") as string;
    const appointment = (await tx.get(appointmentRef(appointmentId))).data() as AppointmentDoc | undefined;
    const startAt = reminder.get("startAt") as Timestamp;
    if (!appointment || appointment.status !== "booked" || !appointment.start.isEqual(startAt)) {
      tx.update(reminder.ref, { state: "skipped", updatedAt: Timestamp.fromDate(now) });
      return "skipped";
    }
    const sendAt = reminderSendTime(
      now.getTime(),
      startAt.toMillis(),
      appointment.timezone,
      REMINDER_PLAN,
      QUIET_HOURS,
    );
    if (sendAt > now.getTime()) {
      tx.update(reminder.ref, { dueAt: Timestamp.fromMillis(sendAt), updatedAt: Timestamp.fromDate(now) });
      return "deferred";
    }
    const [recipient, doctor] = await Promise.all([
      readRecipient(tx, appointment.patientUid),
      tx.get(db().collection("doctors").doc(appointment.doctorUid)),
    ]);
    enqueueAppointmentMessage(
      tx,
      `reminder_${id}`,
      recipient,
      "appointment.reminder",
      {
        doctorName: doctor.get("name"),
        start: appointment.start.toDate(),
        mode: appointment.mode,
        joinHint: joinHintFor(appointment.mode, recipient?.language ?? "en"),
      },
      { timezone: appointment.timezone, appointmentId },
      now,
    );
    tx.update(reminder.ref, { state: recipient ? "queued" : "skipped", updatedAt: Timestamp.fromDate(now) });
    return recipient ? "queued" : "skipped";
  });
}
