import { FieldValue, Timestamp, type Transaction, type UpdateData } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import {
  CLINICIAN_REMINDER_OFFSETS,
  QUIET_HOURS,
  REMINDER_PLAN,
  SCHEDULER_BATCH,
} from "../../config/notifications";
import {
  nextReminderOffset,
  reminderAfterFailure,
  reminderMessageId,
  reminderStep,
  type ReminderStep,
} from "../../domain/notifications/outbox";
import { joinHintFor } from "../../domain/notifications/templates";
import { eachOnItsOwn, type QueueRun } from "../../domain/shared/eachOnItsOwn";
import { errorCode } from "../../domain/shared/errorCode";
import {
  findAppointmentsWithReminderDue,
  getAppointment,
  recordReminderWriteFailure,
  updateAppointment,
  updateAppointmentIfUnchanged,
  type AppointmentDoc,
  type FoundAppointment,
} from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import { getOutboxMessage } from "../../repo/outbox";
import { runTransaction } from "../../repo/transaction";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";

/**
 * Appointments due, reminders queued (to the patient, and to the doctor for the one an hour
 * before), skipped (nobody to send to, or no longer due when looked at again) and failed (tried
 * again after a backoff, or parked), and besides:
 */
export interface ReminderRun extends QueueRun {
  /** Appointments whose due reminders quiet hours hold back. */
  deferred: number;
  /** Of the failed, the ones parked in this run after their last attempt. */
  parked: number;
}

/**
 * The reminders are carried by the appointments: `book` sets `nextReminderAt` to the first one's
 * due time (moving sets it for the new time, cancelling clears it), and this run finds the booked
 * appointments whose `nextReminderAt` has passed with one indexed query that returns them whole
 * (one read each). For each, in its own transaction:
 *
 * - it reads only the patient's contact (the proven number, read where the message is written)
 *   and, for the reminder an hour before, the doctor's; the doctor's name and the patient's
 *   language and channel are on the appointment (`reminderContext`), the patient's short name on
 *   its card;
 * - it writes the messages (deterministic ids: reminderMessageId, per reminder and per change of
 *   the appointment) and moves `nextReminderAt` to the next reminder, on condition that the
 *   appointment is still the version the query returned (`lastUpdateTime`): an appointment
 *   cancelled, moved or otherwise changed since makes the commit fail and write nothing, and it
 *   is then read again in the transaction and decided afresh. Two runs at once queue each
 *   reminder once: the second's condition (or its message's `create`) fails, and it finds
 *   `nextReminderAt` moved on.
 * - quiet hours hold back a non-urgent reminder (`nextReminderAt` moves to their end).
 *
 * One appointment never stops the run: one that throws (malformed, say) is counted, logged by id
 * with its error code, and tried again after a backoff; after its last attempt `nextReminderAt`
 * is cleared (parked) with `reminderAttempts` and `reminderError` (repo/appointments.ts).
 * The outbox trigger then sends the messages; the opt-out is checked there, at sending.
 */
export async function queueDueReminders(now: Date, limit = SCHEDULER_BATCH): Promise<ReminderRun> {
  const found = await findAppointmentsWithReminderDue(now, limit);
  const run: ReminderRun = { due: found.length, queued: 0, deferred: 0, skipped: 0, failed: 0, parked: 0 };
  // Each appointment's next reminder offset, noted before its attempt: a retry resumes there.
  const offsets = new Map<string, number | null>();
  await eachOnItsOwn<FoundAppointment, keyof Outcome>(
    found,
    run,
    (item) => {
      const appointment = item.data();
      offsets.set(item.id, pendingOffset(appointment));
      return remind(item.id, { appointment, version: item.version }, now);
    },
    async (item, code) => {
      const offset = offsets.get(item.id) ?? null;
      const parked = await recordReminderWriteFailure(item.id, code, afterFailure(now), offset).catch(
        (e: unknown) => {
          logger.error("reminders.failureNotRecorded", { appointmentId: item.id, code: errorCode(e) });
          return false;
        },
      );
      if (parked) run.parked += 1;
      logger.error(parked ? "reminders.parked" : "reminders.failed", { appointmentId: item.id, code });
    },
  );
  if (found.length) logger.info("reminders.run", { ...run });
  return run;
}

const afterFailure = (now: Date) => (previous: number) => {
  const next = reminderAfterFailure(previous, now.getTime());
  return { attempts: next.attempts, parked: next.state === "failed", retryAtMs: next.dueAtMs };
};

/** The offset of the appointment's next reminder (kept on a failure, so the retry resumes it). */
function pendingOffset(a: AppointmentDoc): number | null {
  if (!a.nextReminderAt) return null;
  return nextReminderOffset(a.start.toMillis(), a.nextReminderAt.toMillis(), REMINDER_PLAN, a.reminderOffset);
}

interface Outcome {
  queued: number;
  skipped: number;
  deferred: number;
}

/** How often an appointment that changed under the run is read again and decided afresh. */
const MAX_CONFLICTS = 3;

/** A commit whose condition failed: the appointment changed since it was read, or a message exists. */
function isConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === FAILED_PRECONDITION || code === ALREADY_EXISTS;
}
const ALREADY_EXISTS = 6;
const FAILED_PRECONDITION = 9;

async function remind(
  id: string,
  found: { appointment: AppointmentDoc; version: Timestamp },
  now: Date,
): Promise<Outcome> {
  let known: typeof found | null = found;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runTransaction((tx) => remindIn(tx, id, known, now));
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_CONFLICTS) throw error;
      // Changed since the query (cancelled, moved, touched), or a run at the same time was first:
      // read it in the transaction this time.
      logger.info("reminders.changedSinceRead", { appointmentId: id });
      known = null;
    }
  }
}

/**
 * One appointment's due reminders in a transaction. With `known` (the appointment as the query
 * returned it) nothing of it is read: its update is conditional on that version. Without, it is
 * read in the transaction, and a message that already exists is not written again.
 */
async function remindIn(
  tx: Transaction,
  id: string,
  known: { appointment: AppointmentDoc; version: Timestamp } | null,
  now: Date,
): Promise<Outcome> {
  const appointment = known ? known.appointment : await getAppointment(id, tx);
  const nowMs = now.getTime();
  if (
    appointment?.status !== "booked" ||
    !appointment.nextReminderAt ||
    appointment.nextReminderAt.toMillis() > nowMs
  )
    return { queued: 0, skipped: 1, deferred: 0 };
  const write = (patch: UpdateData<AppointmentDoc>) =>
    known ? updateAppointmentIfUnchanged(tx, id, patch, known.version) : updateAppointment(tx, id, patch);
  const step = reminderStep(
    {
      startMs: appointment.start.toMillis(),
      nextReminderAtMs: appointment.nextReminderAt.toMillis(),
      reminderOffset: appointment.reminderOffset,
      timezone: appointment.timezone,
    },
    nowMs,
    REMINDER_PLAN,
    QUIET_HOURS,
  );
  if (step.action === "wait") {
    write(nextReminder(step.next));
    return { queued: 0, skipped: 1, deferred: 0 };
  }
  if (step.action === "defer") {
    write(nextReminder(step.next));
    return { queued: 0, skipped: 0, deferred: 1 };
  }

  // Reads, all before the writes: the patient's contact (and profile and doctor only for an
  // appointment that carries no reminderContext), the doctor's contact for their reminder.
  const context = appointment.reminderContext;
  const forDoctor = step.offsets.some((o) => CLINICIAN_REMINDER_OFFSETS.includes(o));
  const ids = step.offsets.map((offset) => ({
    offset,
    id: reminderMessageId(`${id}_${offset}m`, appointment.history.length),
  }));
  const [recipient, doctorName, notice, existing] = await Promise.all([
    readRecipient(
      tx,
      appointment.patientUid,
      context && { language: context.language, notifyBy: context.notifyBy },
    ),
    context ? context.doctorName : getDoctor(appointment.doctorUid, tx).then((d) => d?.name ?? ""),
    forDoctor ? readClinicianNotice(tx, appointment, appointment.patient) : null,
    known
      ? new Set<string>()
      : alreadyQueued(
          tx,
          ids.map((m) => m.id),
        ),
  ]);

  let queued = 0;
  for (const { offset, id: messageId } of ids) {
    const toDoctor =
      notice !== null &&
      CLINICIAN_REMINDER_OFFSETS.includes(offset) &&
      !existing.has(`${messageId}_dr`) &&
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `${messageId}_dr`,
          kind: "clinician.reminder",
          vars: { start: appointment.start.toDate(), mode: appointment.mode },
          appointmentId: id,
          startMs: appointment.start.toMillis(),
        },
        now,
      );
    const toPatient =
      !existing.has(messageId) &&
      enqueueAppointmentMessage(
        tx,
        {
          id: messageId,
          recipient,
          kind: "appointment.reminder",
          vars: {
            doctorName,
            start: appointment.start.toDate(),
            mode: appointment.mode,
            joinHint: joinHintFor(appointment.mode, recipient?.language ?? "en"),
          },
          timezone: appointment.timezone,
          appointmentId: id,
        },
        now,
      );
    if (toPatient || toDoctor) queued += 1;
  }
  write({
    ...nextReminder(step.next),
    reminderAttempts: FieldValue.delete(),
    reminderError: FieldValue.delete(),
  });
  return { queued, skipped: ids.length - queued, deferred: 0 };
}

/** Where the appointment's reminders go on: the next one's time and offset, or none left. */
function nextReminder(next: ReminderStep["next"]): UpdateData<AppointmentDoc> {
  return next
    ? { nextReminderAt: Timestamp.fromMillis(next.atMs), reminderOffset: next.offset }
    : { nextReminderAt: null, reminderOffset: FieldValue.delete() };
}

/** The message ids (and their doctor's copies) already in the outbox (read only after a conflict). */
async function alreadyQueued(tx: Transaction, messageIds: string[]): Promise<Set<string>> {
  const all = messageIds.flatMap((m) => [m, `${m}_dr`]);
  const found = await Promise.all(all.map((m) => getOutboxMessage(m, tx).then((doc) => (doc ? m : null))));
  return new Set(found.filter((m): m is string => m !== null));
}
