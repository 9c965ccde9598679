import { logger } from "firebase-functions";
import { checkCanAnswer, proposalFacts } from "../../domain/booking/proposals";
import type { Call } from "../../registry/define";
import { factsOf, getAppointment } from "../../repo/appointments";
import { runTransaction } from "../../repo/transaction";
import type { AnswerProposalRequest } from "../../schemas/scheduling";
import { appError, refusalError } from "../../schemas/errors";
import type { AppointmentView } from "../../services/booking/appointmentView";
import { actingFor } from "../../services/care/actingFor";
import { readForCancel, writeCancel } from "../../services/booking/cancelAppointment";
import { moveAppointment } from "../../services/booking/moveAppointment";

/**
 * The patient answers the clinic's proposal. Accepting moves the appointment through the
 * reschedule path (services/booking/moveAppointment.ts): the proposed slot is held and checked
 * again, since it was not held while the patient decided, so someone may have booked it
 * (`already-exists`; the proposal stays open until its deadline). Declining cancels the
 * appointment: a proposal means the clinic cannot keep the current time. The doctor is told
 * either way.
 */
export async function answerProposal({
  actor: caller,
  input,
  now,
  origin,
}: Call<AnswerProposalRequest>): Promise<AppointmentView> {
  // A health worker or a family account's holder answers for the patient (issue 15), audited as
  // theirs on the patient's behalf; services/care/actingFor.ts decides before anything is read.
  const actor = await actingFor(caller, input.onBehalfOf);
  const { appointmentId } = input;
  const current = await getAppointment(appointmentId);
  if (!current) throw appError("not-found", "appointment-not-found", "no such appointment");
  const early = checkCanAnswer(actor, factsOf(current), proposalFacts(current), now);
  if (early) throw refusalError(early);
  const proposal = current.proposal!;

  if (input.accept) {
    const toMs = proposal.to.toMillis();
    const { view, fresh } = await moveAppointment(
      {
        appointmentId,
        startMs: toMs,
        actor,
        origin,
        idempotencyKey: input.idempotencyKey,
        action: "appointment.proposalAccepted",
        acceptsProposal: true,
        authorise: (appointment) =>
          appointment.proposal?.round !== proposal.round
            ? {
                code: "failed-precondition",
                reason: "proposal-outdated",
                message: "the clinic has proposed another time since",
              }
            : checkCanAnswer(actor, factsOf(appointment), proposalFacts(appointment), now),
      },
      now,
    );
    if (fresh) logger.info("appointment.proposalAccepted", { appointmentId, by: actor.uid });
    return view;
  }

  const view = await runTransaction(async (tx) => {
    const read = await readForCancel(tx, appointmentId, { clinicianNotice: () => true });
    if (!read) throw appError("not-found", "appointment-not-found", "no such appointment");
    const { appointment } = read;
    const refusal =
      appointment.proposal?.round !== proposal.round
        ? ({
            code: "failed-precondition",
            reason: "proposal-outdated",
            message: "the clinic has proposed another time since",
          } as const)
        : checkCanAnswer(actor, factsOf(appointment), proposalFacts(appointment), now);
    if (refusal) throw refusalError(refusal);
    return writeCancel(
      tx,
      read,
      {
        actor,
        origin,
        reason: "the patient declined the proposed time",
        cancelledBy: "patient",
        required: false,
        causeAction: "appointment.proposalDeclined",
        proposalStatus: "declined",
        doctorMessage: {
          id: `appt_${appointmentId}_proposal_${proposal.round}_declined`,
          kind: "schedule.proposalDeclined",
          vars: { doctorName: read.doctor?.name ?? "", previousStart: appointment.start.toDate() },
        },
      },
      now,
    );
  });
  logger.info("appointment.proposalDeclined", { appointmentId, by: actor.uid });
  return view;
}
