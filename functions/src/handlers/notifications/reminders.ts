import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import {
  CLINICIAN_REMINDER_OFFSETS,
  QUIET_HOURS,
  REMINDER_PLAN,
  SCHEDULER_BATCH,
} from "../../config/notifications";
import { reminderAfterFailure, reminderMessageId, reminderSendTime } from "../../domain/notifications/outbox";
import { joinHintFor } from "../../domain/notifications/templates";
import { eachOnItsOwn } from "../../domain/shared/eachOnItsOwn";
import { errorCode } from "../../domain/shared/errorCode";
import {
  findAppointmentIdsAwaitingReminders,
  getAppointment,
  recordReminderWriteFailure,
  updateAppointment,
} from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import {
  findDueReminderIds,
  getReminder,
  recordReminderFailure,
  setReminders,
  updateReminder,
} from "../../repo/reminders";
import { runTransaction } from "../../repo/transaction";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";

export interface ReminderRun {
  /** Appointments whose reminders were written in this run (booked with `nextReminderAt`). */
  written: number;
  due: number;
  queued: number;
  deferred: number;
  skipped: number;
  /** Reminders whose attempt threw: each is tried again after a backoff, or parked. */
  failed: number;
  /** Of those, the ones parked (`failed`) in this run after their last attempt. */
  parked: number;
}

/**
 * Finds due reminders with one indexed query and queues each in its own transaction: the
 * reminder is still scheduled, its appointment is still booked at the same start (a cancelled
 * or moved appointment gets no reminder), quiet hours hold back a non-urgent one. Two runs at
 * once queue each reminder once: the outbox id is the reminder's (and the appointment's change,
 * reminderMessageId), and the reminder's state changes in the same transaction. The outbox
 * trigger then sends them.
 *
 * One reminder never stops the run: one that throws (its appointment malformed, say) is
 * counted, logged by id with its error code, and tried again after a backoff; after its last
 * attempt it is parked as `failed` with `attempts` and `lastError` (repo/reminders.ts).
 */
export async function queueDueReminders(now: Date, limit = SCHEDULER_BATCH): Promise<ReminderRun> {
  const written = await writeAwaitedReminders(now, limit);
  const due = await findDueReminderIds(now, limit);
  const run: ReminderRun = { ...written, due: due.length, queued: 0, deferred: 0, skipped: 0 };
  await eachOnItsOwn(
    due,
    run,
    (id) => queueReminder(id, now),
    async (id, code) => {
      const state = await recordReminderFailure(id, code, now).catch((e: unknown) => {
        logger.error("reminders.failureNotRecorded", { reminderId: id, code: errorCode(e) });
        return null;
      });
      if (state === "failed") run.parked += 1;
      logger.error(state === "failed" ? "reminders.parked" : "reminders.failed", { reminderId: id, code });
    },
  );
  if (due.length) logger.info("reminders.run", { ...run });
  return run;
}

/**
 * `book` writes no reminder documents: it sets the appointment's `nextReminderAt` to its first
 * reminder's due time. Here, before the due reminders are read, each such appointment gets its
 * reminders written (as booking would have, planned from its booking time) in its own
 * transaction, and `nextReminderAt` cleared. A failure is counted and retried, then parked.
 */
async function writeAwaitedReminders(
  now: Date,
  limit: number,
): Promise<Pick<ReminderRun, "written" | "failed" | "parked">> {
  const ids = await findAppointmentIdsAwaitingReminders(now, limit);
  const run = { written: 0, failed: 0, parked: 0 };
  await eachOnItsOwn(
    ids,
    run,
    async (appointmentId) => {
      const wrote = await runTransaction(async (tx) => {
        const appointment = await getAppointment(appointmentId, tx);
        const awaited = appointment?.nextReminderAt;
        if (!appointment || !awaited || awaited.toMillis() > now.getTime()) return false;
        if (appointment.status === "booked")
          setReminders(
            tx,
            { appointmentId, patientUid: appointment.patientUid, startMs: appointment.start.toMillis() },
            appointment.createdAt.toDate(),
          );
        updateAppointment(tx, appointmentId, { nextReminderAt: null });
        return appointment.status === "booked";
      });
      return wrote ? "written" : null;
    },
    async (appointmentId, code) => {
      const parked = await recordReminderWriteFailure(appointmentId, code, afterFailure(now)).catch(
        (e: unknown) => {
          logger.error("reminders.failureNotRecorded", { appointmentId, code: errorCode(e) });
          return false;
        },
      );
      if (parked) run.parked += 1;
      logger.error(parked ? "reminders.parked" : "reminders.failed", { appointmentId, code });
    },
  );
  return run;
}

const afterFailure = (now: Date) => (previous: number) => {
  const next = reminderAfterFailure(previous, now.getTime());
  return { attempts: next.attempts, parked: next.state === "failed", retryAtMs: next.dueAtMs };
};

async function queueReminder(id: string, now: Date): Promise<"queued" | "deferred" | "skipped"> {
  return runTransaction(async (tx) => {
    const reminder = await getReminder(id, tx);
    if (reminder?.state !== "scheduled" || reminder.dueAt.toMillis() > now.getTime()) return "skipped";
    const { appointmentId, startAt } = reminder;
    const appointment = await getAppointment(appointmentId, tx);
    const updatedAt = Timestamp.fromDate(now);
    if (appointment?.status !== "booked" || !appointment.start.isEqual(startAt)) {
      updateReminder(tx, id, { state: "skipped", updatedAt });
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
      updateReminder(tx, id, { dueAt: Timestamp.fromMillis(sendAt), updatedAt });
      return "deferred";
    }
    const [recipient, doctor, notice] = await Promise.all([
      readRecipient(tx, appointment.patientUid),
      getDoctor(appointment.doctorUid, tx),
      // The doctor is another recipient of the same reminder (the one an hour before).
      CLINICIAN_REMINDER_OFFSETS.includes(reminder.offsetMinutes)
        ? readClinicianNotice(tx, appointment)
        : null,
    ]);
    const messageId = reminderMessageId(id, appointment.history.length);
    const toDoctor =
      notice !== null &&
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `${messageId}_dr`,
          kind: "clinician.reminder",
          vars: { start: appointment.start.toDate(), mode: appointment.mode },
          appointmentId,
          startMs: appointment.start.toMillis(),
        },
        now,
      );
    enqueueAppointmentMessage(
      tx,
      {
        id: messageId,
        recipient,
        kind: "appointment.reminder",
        vars: {
          doctorName: doctor?.name ?? "",
          start: appointment.start.toDate(),
          mode: appointment.mode,
          joinHint: joinHintFor(appointment.mode, recipient?.language ?? "en"),
        },
        timezone: appointment.timezone,
        appointmentId,
      },
      now,
    );
    const queued = recipient !== null || toDoctor;
    updateReminder(tx, id, { state: queued ? "queued" : "skipped", updatedAt });
    return queued ? "queued" : "skipped";
  });
}
