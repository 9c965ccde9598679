import { logger } from "firebase-functions";
import { AUTO_END_POLICY, DOCTOR_LATE_MINUTES } from "../../config/consultations";
import { SCHEDULER_BATCH } from "../../config/notifications";
import { doctorLateDecision } from "../../domain/consultations/lateness";
import { SYSTEM_ACTOR as SYSTEM } from "../../domain/audit/entry";
import { autoEndDecision, end } from "../../domain/consultations/session";
import { eachOnItsOwn } from "../../domain/shared/eachOnItsOwn";
import { alertId, createAlert, getAlert } from "../../repo/alerts";
import { getPatientBookings } from "../../repo/bookingState";
import { findOpenSessionIdsEndedBy, findWaitingSessionIdsStartedBetween } from "../../repo/consultations";
import { getDoctor } from "../../repo/doctors";
import { runTransaction } from "../../repo/transaction";
import { consultationIds, loadConsultation } from "../../services/consultations/loadConsultation";
import { recordConsultationAction } from "../../services/consultations/recordConsultationAction";
import { writeEnded } from "../../services/consultations/writeEnded";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";

export interface ConsultationRun {
  /** Open sessions past their scheduled end that were looked at, and those the system ended. */
  overdue: number;
  ended: number;
  /** Waiting sessions past their start that were looked at, and the late doctors alerted. */
  waiting: number;
  alerted: number;
  /** Sessions whose transaction threw (logged by id; looked at again on the next run). */
  failed: number;
}

/** Waiting sessions are looked at until this long after their start (then the no-show sweep has them). */
const LATE_LOOKBACK_MINUTES = 180;
const MINUTE = 60_000;

/**
 * The consultations the clock closes (no-shows are markNoShows'): calls both people joined that
 * run past their end are ended by the system (autoEndDecision: nobody present for the idle time,
 * or the hard stop), their appointment `completed` as endConsultation does; a patient waiting
 * alone past the start for a doctor who never joined is told by message and the clinic's admins
 * alerted by an `alerts/` document (read in the console), once per appointment. Each session has
 * its own transaction that reads and decides again, so a late join or a second run changes
 * nothing twice, and one session that throws never stops the run.
 */
export async function closeConsultations(now: Date, limit = SCHEDULER_BATCH): Promise<ConsultationRun> {
  const run: ConsultationRun = { overdue: 0, ended: 0, waiting: 0, alerted: 0, failed: 0 };
  const overdue = await findOpenSessionIdsEndedBy(now, limit);
  run.overdue = overdue.length;
  await eachSession(overdue, endOverdue, now, run, {
    counted: "ended",
    done: "consultation.autoEnded",
    failed: "consultation.autoEndFailed",
  });
  const from = new Date(now.getTime() - LATE_LOOKBACK_MINUTES * MINUTE);
  const to = new Date(now.getTime() - DOCTOR_LATE_MINUTES * MINUTE);
  const waiting = await findWaitingSessionIdsStartedBetween(from, to, limit);
  run.waiting = waiting.length;
  await eachSession(waiting, alertLateDoctor, now, run, {
    counted: "alerted",
    done: "consultation.doctorLate",
    failed: "consultation.doctorLateFailed",
  });
  if (run.overdue || run.waiting) logger.info("consultations.closed", { ...run });
  return run;
}

/**
 * Runs `act` on each session, each on its own (one that throws is counted, logged by id and code,
 * and looked at again on the next run); a session it acted on is counted under `counted`.
 */
async function eachSession(
  ids: string[],
  act: (appointmentId: string, now: Date) => Promise<boolean>,
  now: Date,
  run: ConsultationRun,
  names: { counted: "ended" | "alerted"; done: string; failed: string },
): Promise<void> {
  await eachOnItsOwn(
    ids,
    run,
    async (appointmentId) => {
      if (!(await act(appointmentId, now))) return null;
      logger.info(names.done, { appointmentId });
      return names.counted;
    },
    (appointmentId, code) => logger.error(names.failed, { appointmentId, code }),
  );
}

/** One overdue session, in its own transaction: true when the system ended it now. */
async function endOverdue(appointmentId: string, now: Date): Promise<boolean> {
  return runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    if (!stored) return false;
    if (!autoEndDecision(session, { endMs: appointment.end.toMillis() }, AUTO_END_POLICY, now.getTime()))
      return false;
    const next = end(session, "system", now.getTime());
    if (!next.ok) return false;
    const patient =
      appointment.status === "booked" ? await getPatientBookings(appointment.patientUid, tx) : null;
    // Writes from here on.
    const by = { actor: SYSTEM, org: appointment.org };
    const ids = consultationIds(appointmentId, appointment);
    writeEnded(tx, { appointmentId, appointment, stored, next, patient, by, ids }, now);
    return true;
  });
}

/** One waiting session, in its own transaction: true when the patient was told and the clinic alerted now. */
async function alertLateDoctor(appointmentId: string, now: Date): Promise<boolean> {
  return runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    if (!stored || appointment.status !== "booked") return false;
    if (!doctorLateDecision(session, DOCTOR_LATE_MINUTES, now.getTime())) return false;
    const id = alertId("consultation.doctorLate", appointmentId);
    const [already, recipient, doctor] = await Promise.all([
      getAlert(id, tx),
      readRecipient(tx, appointment.patientUid),
      getDoctor(appointment.doctorUid, tx),
    ]);
    if (already) return false;
    // Writes from here on.
    createAlert(
      tx,
      {
        kind: "consultation.doctorLate",
        org: appointment.org,
        appointmentId,
        doctorUid: appointment.doctorUid,
        start: appointment.start,
      },
      now,
    );
    enqueueAppointmentMessage(
      tx,
      {
        id: `consult_${appointmentId}_doctorLate`,
        recipient,
        kind: "consultation.doctorLate",
        vars: { doctorName: doctor?.name ?? "" },
        timezone: appointment.timezone,
        appointmentId,
      },
      now,
    );
    recordConsultationAction(
      tx,
      {
        action: "consultation.doctorLate",
        on: "consultation",
        appointmentId,
        by: { actor: SYSTEM, org: appointment.org },
      },
      now,
    );
    return true;
  });
}
