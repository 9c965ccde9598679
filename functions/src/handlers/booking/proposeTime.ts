import { logger } from "firebase-functions";
import { appError, refusalError } from "../../schemas/errors";
import { PROPOSAL_POLICY } from "../../config/booking";
import { checkCanPropose } from "../../domain/booking/proposals";
import type { Call } from "../../registry/define";
import { factsOf } from "../../repo/appointments";
import { runTransaction } from "../../repo/transaction";
import type { ProposeTimeRequest } from "../../schemas/scheduling";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { checkProposedSlot, readForProposal, writeProposal } from "../../services/booking/proposeTime";

export interface ProposeTimeResult {
  appointment: AppointmentView;
  proposal: { start: string; end: string; expiresAt: string; round: number };
}

/**
 * The doctor of the appointment, or an admin of its clinic, proposes a new time
 * (services/booking/proposeTime.ts): the time must be offered by the doctor's availability, free,
 * ahead, and leave the patient time to answer; the patient is told and answers with
 * answerProposal. A later proposal replaces an open one. A refused proposal writes nothing.
 */
export async function proposeTime({
  actor,
  input,
  now,
  origin,
}: Call<ProposeTimeRequest>): Promise<ProposeTimeResult> {
  const { appointmentId } = input;
  const toMs = Date.parse(input.start);
  const result = await runTransaction(async (tx) => {
    const read = await readForProposal(tx, appointmentId, now);
    if (!read) throw appError("not-found", "appointment-not-found", "no such appointment");
    const facts = factsOf(read.appointment);
    const refusal = checkCanPropose(actor, facts, toMs, now, PROPOSAL_POLICY);
    if (refusal) throw refusalError(refusal);
    const slot = checkProposedSlot(read, toMs, now);
    const proposal = writeProposal(tx, read, { actor, origin, slot, reason: input.reason }, now);
    return {
      appointment: appointmentView(appointmentId, { ...read.appointment, ...facts }),
      proposal: {
        start: slot.start,
        end: slot.end,
        expiresAt: proposal.expiresAt.toDate().toISOString(),
        round: proposal.round,
      },
    };
  });
  logger.info("appointment.proposed", { appointmentId, by: actor.uid, round: result.proposal.round });
  return result;
}
