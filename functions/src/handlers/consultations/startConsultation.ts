import { logger } from "firebase-functions";
import type { CallableRequest } from "firebase-functions/v2/https";
import { start, type SessionStatus } from "../../domain/consultations/session";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { saveTransition } from "../../repo/consultations";
import { db } from "../../repo/firestore";
import { consultationRequestSchema } from "../../schemas/consultations";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { applied, loadConsultation, participantRole } from "./access";

/**
 * The doctor starts the consultation while the patient's connection is down (the patient has
 * joined at least once). When both are present it started on its own, and this is refused.
 */
export async function startConsultation(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ status: SessionStatus }> {
  const actor = await requireActor(request);
  const { appointmentId } = parseRequest(consultationRequestSchema, request.data);
  const status = await db().runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    const role = participantRole(appointment, actor);
    const next = applied(start(session, role, now.getTime()));
    saveTransition(tx, stored, next, now);
    appendAudit(
      tx,
      {
        action: "consultation.started",
        actor,
        org: appointment.org,
        target: { type: "consultation", id: appointmentId },
        origin: requestOrigin(request),
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        "consultation.started",
        {
          org: appointment.org,
          ids: {
            appointmentId,
            patientUid: appointment.patientUid,
            doctorUid: appointment.doctorUid,
            actorUid: actor.uid,
          },
          key: appointmentId,
        },
        now,
      ),
    );
    return next.session.status;
  });
  logger.info("consultation.started", { appointmentId, by: actor.uid });
  return { status };
}
