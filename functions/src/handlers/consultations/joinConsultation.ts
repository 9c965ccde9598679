import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { tokenDecision } from "../../authz/consultation";
import { TOKEN_LEAD_MINUTES } from "../../config/consultations";
import { join, type Role, type SessionStatus } from "../../domain/consultations/session";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { saveTransition } from "../../repo/consultations";
import { db } from "../../repo/firestore";
import { joinConsultationRequestSchema } from "../../schemas/consultations";
import { requireActor, requestOrigin } from "../context";
import { enforceRateLimit } from "../rateLimit";
import { parseRequest } from "../errors";
import { applied, loadConsultation, participantRole } from "./access";
import { videoTokens, type VideoConfig, type VideoTokens } from "./videoTokens";

export type JoinConsultationResult = { status: SessionStatus; role: Role } & VideoTokens;

/**
 * A participant joins the video consultation of their appointment and gets its tokens. One
 * transaction reads the appointment and the session by id, checks the token window
 * (authz/consultation.ts), creates the session on the first join and records the join (session,
 * event, audit; a join that brings both participants together also starts it). The tokens are
 * minted afterwards, outside the transaction, valid until the appointment's end.
 */
export async function joinConsultation(
  request: CallableRequest<unknown>,
  deps: { video: () => VideoConfig },
  now = new Date(),
): Promise<JoinConsultationResult> {
  const actor = await requireActor(request);
  await enforceRateLimit(actor, "videoToken", now);
  const input = parseRequest(joinConsultationRequestSchema, request.data);
  const { appointmentId } = input;
  const joined = await db().runTransaction(async (tx) => {
    const { appointment, stored, session } = await loadConsultation(tx, appointmentId, now);
    const decision = tokenDecision(
      actor.uid,
      {
        patientUid: appointment.patientUid,
        doctorUid: appointment.doctorUid,
        status: appointment.status,
        startMs: appointment.start.toMillis(),
        endMs: appointment.end.toMillis(),
        mode: appointment.mode,
      },
      stored?.session.status ?? null,
      now.getTime(),
      { leadMinutes: TOKEN_LEAD_MINUTES },
    );
    if (!decision.ok) throw new HttpsError(decision.code, decision.message);
    const role = participantRole(appointment, actor);
    const next = applied(join(session, role, now.getTime()));
    saveTransition(tx, stored, next, now);
    const audit = {
      actor,
      org: appointment.org,
      target: { type: "consultation", id: appointmentId },
      origin: requestOrigin(request),
    };
    appendAudit(tx, { action: "consultation.joined", ...audit }, now);
    const started = session.status !== "in_progress" && next.session.status === "in_progress";
    if (started) appendAudit(tx, { action: "consultation.started", ...audit }, now);
    if (started)
      recordEventInTx(
        tx,
        buildEvent(
          "consultation.started",
          {
            org: appointment.org,
            ids: { appointmentId, patientUid: appointment.patientUid, doctorUid: appointment.doctorUid },
            key: appointmentId,
          },
          now,
        ),
      );
    return {
      role,
      status: next.session.status,
      started,
      notBeforeMs: decision.notBeforeMs,
      expiresAtMs: decision.expiresAtMs,
    };
  });
  logger.info("consultation.joined", {
    appointmentId,
    uid: actor.uid,
    role: joined.role,
    status: joined.status,
  });
  if (joined.started) logger.info("consultation.started", { appointmentId, by: "join" });

  let tokens: VideoTokens;
  try {
    tokens = videoTokens(
      deps.video(),
      input.provider,
      { appointmentId, uid: actor.uid, ...joined },
      Date.now(),
    );
  } catch (error) {
    // Configuration, not the caller: the join is recorded, and a retry is a reconnect.
    logger.error("consultation.tokenFailed", {
      appointmentId,
      provider: input.provider,
      error: error instanceof Error ? error.message : String(error),
    });
    throw new HttpsError(
      "internal",
      "video tokens could not be issued; the join was recorded, join again to retry",
    );
  }
  return { status: joined.status, role: joined.role, ...tokens };
}
