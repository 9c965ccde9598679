import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { AGENDA_BATCH, AGENDA_MAX_ATTEMPTS, AGENDA_STALE_MINUTES } from "../../config/notifications";
import { agendaDay, composeAgenda, nextAgendaAt } from "../../domain/notifications/clinician";
import { backoffMs } from "../../domain/notifications/outbox";
import { eachOnItsOwn, type QueueRun } from "../../domain/shared/eachOnItsOwn";
import { errorCode } from "../../domain/shared/errorCode";
import { findDoctorDay } from "../../repo/appointments";
import {
  findContactIdsWithAgendaDue,
  getContact,
  recordAgendaFailure,
  updateContact,
} from "../../repo/contacts";
import { runTransaction } from "../../repo/transaction";
import {
  DEFAULT_CLINICIAN_TIMEZONE,
  enqueueAgenda,
  readClinician,
} from "../../services/notifications/clinicianMessages";

/**
 * Doctors due, agendas queued, skipped (already sent that day, no proven number, or no longer
 * due: the next day's is planned) and failed (tried again after a backoff, then given up for
 * that day).
 */
export type AgendaRun = QueueRun;

/**
 * The daily agendas: each doctor whose `agendaNextAt` has passed gets, in their own transaction,
 * that local day's consultations (count, times, video or clinic; no names) in their language,
 * and `agendaNextAt` moves to the next day's local time (DST-safe). The outbox id names the
 * doctor and the day, so a repeated or concurrent run, or a time changed after the day's agenda
 * went, never sends the same day's agenda twice. One doctor never stops the run: a failure is
 * logged by uid and error code, retried after a backoff, and after AGENDA_MAX_ATTEMPTS that
 * day's agenda is given up and the next day's planned.
 */
export async function sendDueAgendas(now: Date, limit = AGENDA_BATCH): Promise<AgendaRun> {
  const due = await findContactIdsWithAgendaDue(now, limit);
  const run: AgendaRun = { due: due.length, queued: 0, skipped: 0, failed: 0 };
  await eachOnItsOwn(
    due,
    run,
    (uid) => sendAgenda(uid, now),
    async (uid, code) => {
      await recordAgendaFailure(uid, code, (previous) => afterFailure(uid, previous, now)).catch(
        (e: unknown) => logger.error("agenda.failureNotRecorded", { uid, code: errorCode(e) }),
      );
      logger.error("agenda.failed", { uid, code });
    },
  );
  if (due.length) logger.info("agendas.run", { ...run });
  return run;
}

function afterFailure(uid: string, previous: number, now: Date) {
  const attempts = previous + 1;
  if (attempts < AGENDA_MAX_ATTEMPTS) return { attempts, nextAtMs: now.getTime() + backoffMs(attempts) };
  logger.error("agenda.givenUp", { uid });
  return { attempts: 0, nextAtMs: null };
}

async function sendAgenda(uid: string, now: Date): Promise<"queued" | "skipped"> {
  // The day's appointments are read before the transaction (a query inside one would lock the
  // range); they are the doctor's bookings as of this run.
  const first = await getContact(uid);
  const dueAt = first?.agendaNextAt;
  if (!first || !dueAt || dueAt.toMillis() > now.getTime()) return "skipped";
  const timezone = first.timezone ?? DEFAULT_CLINICIAN_TIMEZONE;
  const day = agendaDay(dueAt.toMillis(), timezone);
  const items = await findDoctorDay(uid, day.fromMs, day.toMs);
  return runTransaction(async (tx) => {
    const contact = await getContact(uid, tx);
    if (!contact?.agendaNextAt?.isEqual(dueAt) || !contact.agendaTime) return "skipped";
    // A day whose agenda is hours late (the scheduler was stopped) is passed over, not sent late.
    const stale = now.getTime() - dueAt.toMillis() > AGENDA_STALE_MINUTES * 60_000;
    const clinician = stale ? null : await readClinician(tx, uid, timezone);
    const queued =
      clinician !== null &&
      (await enqueueAgenda(
        tx,
        { ...clinician, timezone },
        { date: day.date, vars: composeAgenda(items, day, clinician.language, timezone) },
        now,
      ));
    // The next agenda: the chosen time on the day after this one (never this day again).
    const next = nextAgendaAt(contact.agendaTime, timezone, Math.max(day.toMs - 1, now.getTime()));
    updateContact(tx, uid, { agendaNextAt: Timestamp.fromMillis(next), agendaAttempts: 0 });
    return queued ? "queued" : "skipped";
  });
}
