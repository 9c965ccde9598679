import { logger } from "firebase-functions";
import { start, type SessionStatus } from "../../domain/consultations/session";
import { setSession } from "../../repo/consultations";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { ConsultationRequest } from "../../schemas/consultations";
import { consultationIds, participantTransition } from "../../services/consultations/loadConsultation";
import { recordConsultationAction } from "../../services/consultations/recordConsultationAction";

/**
 * The doctor starts the consultation while the patient's connection is down (the patient has
 * joined at least once). When both are present it started on its own, and this is refused.
 */
export async function startConsultation({
  actor,
  input,
  now,
  origin,
}: Call<ConsultationRequest>): Promise<{ status: SessionStatus }> {
  const { appointmentId } = input;
  const status = await runTransaction(async (tx) => {
    const { appointment, stored, next } = await participantTransition(tx, appointmentId, actor, now, start);
    setSession(tx, stored, next, now);
    const ids = { ...consultationIds(appointmentId, appointment), actorUid: actor.uid };
    const by = { actor, org: appointment.org, origin };
    const started = { type: "consultation.started", ids } as const;
    recordConsultationAction(
      tx,
      { action: "consultation.started", on: "consultation", appointmentId, by, event: started },
      now,
    );
    return next.session.status;
  });
  logger.info("consultation.started", { appointmentId, by: actor.uid });
  return { status };
}
