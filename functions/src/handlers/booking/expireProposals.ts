import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { SCHEDULER_BATCH } from "../../config/notifications";
import { SYSTEM_ACTOR as SYSTEM } from "../../domain/audit/entry";
import { expiryDecision, proposalFacts } from "../../domain/booking/proposals";
import { factsOf, findAppointmentIdsWithExpiredProposals, updateAppointment } from "../../repo/appointments";
import { runTransaction } from "../../repo/transaction";
import { readForCancel, writeCancel } from "../../services/booking/cancelAppointment";

export interface ProposalExpiryRun {
  found: number;
  cancelled: number;
  closed: number;
  failed: number;
}

/**
 * The scheduler's sweep of proposals nobody answered by their deadline: the appointment is
 * cancelled (still booked at the time the proposal would have moved it from), the patient told
 * (a required message) and the doctor too. The open proposals past their deadline are found by
 * one indexed query, ids only; each gets its own transaction that reads and decides again
 * (expiryDecision), so one bad appointment does not stop the sweep and a second run at the same
 * time changes nothing twice.
 */
export async function expireProposals(now: Date, limit = SCHEDULER_BATCH): Promise<ProposalExpiryRun> {
  const run: ProposalExpiryRun = { found: 0, cancelled: 0, closed: 0, failed: 0 };
  const ids = await findAppointmentIdsWithExpiredProposals(now, limit);
  run.found = ids.length;
  for (const appointmentId of ids) {
    try {
      const outcome = await runTransaction(async (tx) => {
        const read = await readForCancel(tx, appointmentId, { clinicianNotice: () => true });
        if (!read) return null;
        const { appointment } = read;
        const decision = expiryDecision(factsOf(appointment), proposalFacts(appointment), now.getTime());
        if (decision === "close") {
          updateAppointment(tx, appointmentId, {
            "proposal.status": "expired",
            "proposal.openUntil": null,
            updatedAt: Timestamp.fromDate(now),
          });
        }
        if (decision !== "cancel") return decision;
        writeCancel(
          tx,
          read,
          {
            actor: SYSTEM,
            origin: {},
            reason: "no answer to the proposed time",
            cancelledBy: "clinic",
            required: true,
            causeAction: "appointment.proposalExpired",
            proposalStatus: "expired",
            doctorMessage: {
              id: `appt_${appointmentId}_proposal_${appointment.proposal!.round}_expired`,
              kind: "schedule.proposalExpired",
              vars: { doctorName: read.doctor?.name ?? "", previousStart: appointment.start.toDate() },
            },
          },
          now,
        );
        return decision;
      });
      if (outcome === "cancel") run.cancelled += 1;
      else if (outcome === "close") run.closed += 1;
    } catch (error) {
      run.failed += 1;
      logger.error("appointment.proposalExpiryFailed", {
        appointmentId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (run.found) logger.info("appointment.proposalsExpired", { ...run });
  return run;
}
