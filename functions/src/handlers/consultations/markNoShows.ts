import { logger } from "firebase-functions";
import { NO_SHOW_GRACE_MINUTES, NO_SHOW_LOOKBACK_DAYS } from "../../config/consultations";
import { SCHEDULER_BATCH } from "../../config/notifications";
import { markNoShow, noShowDecision, type Absent } from "../../domain/consultations/session";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { findBookedVideoStartingBetween, type StartCursor } from "../../repo/appointments";
import { readSessionsNow, saveTransition } from "../../repo/consultations";
import { db } from "../../repo/firestore";
import { readPatientBookings } from "../../repo/schedules";
import { loadConsultation } from "./access";
import { closeAppointment } from "./closeAppointment";

export interface NoShowRun {
  /** Booked video appointments past their grace time (within the look-back). */
  scanned: number;
  /** Of those, the ones whose session said someone never joined. */
  candidates: number;
  marked: number;
  /** Candidates that changed before their transaction (someone joined, another run marked it) or failed. */
  skipped: number;
}

const SYSTEM = { uid: "system", role: "system" } as const;
const MINUTE = 60_000;

/**
 * Marks the no-shows: video appointments still booked whose start + grace has passed and of
 * whose consultation one side (or both) never joined. The appointments are found by an indexed
 * query, and their sessions read by id, outside any transaction (a query in a transaction would
 * lock the whole collection); each candidate then gets its own transaction that reads the
 * appointment and session again and decides again (noShowDecision, markNoShow), so a late join
 * or a second run at the same time changes nothing twice. A session nobody opened is created as
 * it is marked. The appointment becomes `no_show` with the absent side in `noShow.absent`.
 */
export async function markNoShows(now: Date, pageSize = SCHEDULER_BATCH): Promise<NoShowRun> {
  const run: NoShowRun = { scanned: 0, candidates: 0, marked: 0, skipped: 0 };
  const dueBefore = now.getTime() - NO_SHOW_GRACE_MINUTES * MINUTE;
  const since = now.getTime() - NO_SHOW_LOOKBACK_DAYS * 24 * 60 * MINUTE;
  let after: StartCursor | null = null;
  for (;;) {
    const page = await findBookedVideoStartingBetween(since, dueBefore, pageSize, after);
    run.scanned += page.items.length;
    const sessions = await readSessionsNow(page.items.map((a) => a.id));
    // No session: nobody ever joined. Otherwise the session decides (an in-progress one is no no-show).
    const candidates = page.items.filter((appointment, i) => {
      const stored = sessions[i];
      return (
        !stored ||
        noShowDecision(
          stored.session,
          { startMs: appointment.start.toMillis() },
          NO_SHOW_GRACE_MINUTES,
          now.getTime(),
        ) !== null
      );
    });
    run.candidates += candidates.length;
    for (const doc of candidates) {
      let absent: Absent | null = null;
      try {
        absent = await markOne(doc.id, now);
      } catch (error) {
        // One bad appointment must not stop the sweep; it is tried again on the next run.
        logger.error("consultation.noShowFailed", {
          appointmentId: doc.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (absent) {
        run.marked += 1;
        logger.info("consultation.noShow", { appointmentId: doc.id, absent });
      } else run.skipped += 1;
    }
    if (!page.next) break;
    after = page.next;
  }
  if (run.scanned) logger.info("consultations.noShows", { ...run });
  return run;
}

/** One appointment, in its own transaction: who was absent, or null if it is no longer a no-show. */
async function markOne(appointmentId: string, now: Date): Promise<Absent | null> {
  return db().runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    if (appointment.status !== "booked" || appointment.mode !== "video") return null;
    const decision = noShowDecision(
      session,
      { startMs: appointment.start.toMillis() },
      NO_SHOW_GRACE_MINUTES,
      now.getTime(),
    );
    if (!decision) return null;
    const next = markNoShow(session, decision, now.getTime());
    if (!next.ok) return null;
    const patient = await readPatientBookings(tx, appointment.patientUid);
    // Writes from here on.
    saveTransition(tx, stored, next, now);
    closeAppointment(
      tx,
      appointmentId,
      patient,
      { status: "no_show", by: SYSTEM, absent: decision.absent },
      now,
    );
    appendAudit(
      tx,
      {
        action: "consultation.noShow",
        actor: SYSTEM,
        org: appointment.org,
        target: { type: "consultation", id: appointmentId },
      },
      now,
    );
    appendAudit(
      tx,
      {
        action: "appointment.noShow",
        actor: SYSTEM,
        org: appointment.org,
        target: { type: "appointment", id: appointmentId },
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        "appointment.no_show",
        {
          org: appointment.org,
          ids: { appointmentId, patientUid: appointment.patientUid, doctorUid: appointment.doctorUid },
          key: appointmentId,
        },
        now,
      ),
    );
    return decision.absent;
  });
}
