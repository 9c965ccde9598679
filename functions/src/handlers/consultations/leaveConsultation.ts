import { logger } from "firebase-functions";
import type { CallableRequest } from "firebase-functions/v2/https";
import { leave, type SessionStatus } from "../../domain/consultations/session";
import { saveTransition } from "../../repo/consultations";
import { db } from "../../repo/firestore";
import { consultationRequestSchema } from "../../schemas/consultations";
import { requireActor } from "../context";
import { parseRequest } from "../errors";
import { applied, loadConsultation, participantRole } from "./access";

/**
 * A participant leaves the call. The session keeps its status (a dropped call can resume) and the
 * event is logged; leaving is not an audited action (nothing is decided by it).
 */
export async function leaveConsultation(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ status: SessionStatus }> {
  const actor = await requireActor(request);
  const { appointmentId } = parseRequest(consultationRequestSchema, request.data);
  const status = await db().runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    const role = participantRole(appointment, actor);
    const next = applied(leave(session, role, now.getTime()));
    saveTransition(tx, stored, next, now);
    return next.session.status;
  });
  logger.info("consultation.left", { appointmentId, uid: actor.uid });
  return { status };
}
