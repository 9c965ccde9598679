import { logger } from "firebase-functions";
import { leave, type SessionStatus } from "../../domain/consultations/session";
import { setSession } from "../../repo/consultations";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { ConsultationRequest } from "../../schemas/consultations";
import { participantTransition } from "../../services/consultations/loadConsultation";

/**
 * A participant leaves the call. The session keeps its status (a dropped call can resume) and the
 * event is logged; leaving is not an audited action (nothing is decided by it).
 */
export async function leaveConsultation({
  actor,
  input,
  now,
}: Call<ConsultationRequest>): Promise<{ status: SessionStatus }> {
  const { appointmentId } = input;
  const status = await runTransaction(async (tx) => {
    const { stored, next } = await participantTransition(tx, appointmentId, actor, now, leave);
    setSession(tx, stored, next, now);
    return next.session.status;
  });
  logger.info("consultation.left", { appointmentId, uid: actor.uid });
  return { status };
}
