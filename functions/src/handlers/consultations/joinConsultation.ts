import { logger } from "firebase-functions";
import { tokenDecision } from "../../authz/consultation";
import { TOKEN_LEAD_MINUTES } from "../../config/consultations";
import { videoConfig } from "../../config/video";
import { join, type Role, type SessionStatus } from "../../domain/consultations/session";
import { setSession } from "../../repo/consultations";
import { runTransaction } from "../../repo/transaction";
import type { Call } from "../../registry/define";
import type { JoinConsultationRequest } from "../../schemas/consultations";
import {
  applied,
  consultationIds,
  loadConsultation,
  participantRole,
} from "../../services/consultations/loadConsultation";
import { recordConsultationAction } from "../../services/consultations/recordConsultationAction";
import { videoTokens, type VideoTokens } from "../../services/consultations/videoTokens";
import { appError, refusalError } from "../../schemas/errors";

export type JoinConsultationResult = { status: SessionStatus; role: Role } & VideoTokens;

/**
 * A participant joins the video consultation of their appointment and gets its tokens. One
 * transaction reads the appointment and the session by id, checks the token window
 * (authz/consultation.ts), creates the session on the first join and records the join (session,
 * event, audit; a join that brings both participants together also starts it). The tokens are
 * minted afterwards, outside the transaction, valid until the appointment's end.
 */
export async function joinConsultation({
  actor,
  input,
  now,
  origin,
}: Call<JoinConsultationRequest>): Promise<JoinConsultationResult> {
  const { appointmentId } = input;
  const joined = await runTransaction(async (tx) => {
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
    if (!decision.ok) throw refusalError(decision);
    const role = participantRole(appointment, actor);
    const next = applied(join(session, role, now.getTime()));
    setSession(tx, stored, next, now);
    const by = { actor, org: appointment.org, origin };
    recordConsultationAction(
      tx,
      { action: "consultation.joined", on: "consultation", appointmentId, by },
      now,
    );
    const started = session.status !== "in_progress" && next.session.status === "in_progress";
    if (started) {
      const event = {
        type: "consultation.started",
        ids: consultationIds(appointmentId, appointment),
      } as const;
      recordConsultationAction(
        tx,
        { action: "consultation.started", on: "consultation", appointmentId, by, event },
        now,
      );
    }
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
      videoConfig(),
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
    throw appError(
      "internal",
      "internal",
      "video tokens could not be issued; the join was recorded, join again to retry",
    );
  }
  return { status: joined.status, role: joined.role, ...tokens };
}
