import { logger } from "firebase-functions";
import { NO_SHOW_GRACE_MINUTES, NO_SHOW_LOOKBACK_DAYS } from "../../config/consultations";
import { SCHEDULER_BATCH } from "../../config/notifications";
import { SYSTEM_ACTOR as SYSTEM } from "../../domain/audit/entry";
import { markNoShow, noShowDecision, type Absent } from "../../domain/consultations/session";
import { findBookedVideoStartingBetween, type StartCursor } from "../../repo/appointments";
import { getSessions, setSession } from "../../repo/consultations";
import { getPatientBookings } from "../../repo/bookingState";
import { runTransaction } from "../../repo/transaction";
import { closeAppointment } from "../../services/consultations/closeAppointment";
import { consultationIds, loadConsultation } from "../../services/consultations/loadConsultation";
import { recordConsultationAction } from "../../services/consultations/recordConsultationAction";

export interface NoShowRun {
  /** Booked video appointments past their grace time (within the look-back). */
  scanned: number;
  /** Of those, the ones whose session said someone never joined. */
  candidates: number;
  marked: number;
  /** Candidates that changed before their transaction (someone joined, another run marked it) or failed. */
  skipped: number;
}

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
    const sessions = await getSessions(page.items.map((a) => a.id));
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
  return runTransaction(async (tx) => {
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
    const patient = await getPatientBookings(appointment.patientUid, tx);
    // Writes from here on.
    setSession(tx, stored, next, now);
    const outcome = { status: "no_show", by: SYSTEM, absent: decision.absent } as const;
    closeAppointment(tx, { appointmentId, patient, outcome }, now);
    const by = { actor: SYSTEM, org: appointment.org };
    recordConsultationAction(
      tx,
      { action: "consultation.noShow", on: "consultation", appointmentId, by },
      now,
    );
    const noShow = { type: "appointment.no_show", ids: consultationIds(appointmentId, appointment) } as const;
    recordConsultationAction(
      tx,
      { action: "appointment.noShow", on: "appointment", appointmentId, by, event: noShow },
      now,
    );
    return decision.absent;
  });
}
