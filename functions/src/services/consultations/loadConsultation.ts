import {
  newSession,
  roleOf,
  type ConsultationSession,
  type Role,
  type Transition,
} from "../../domain/consultations/session";
import type { Actor } from "../../domain/identity/actor";
import { getAppointment, type AppointmentDoc } from "../../repo/appointments";
import { getSession, type StoredSession } from "../../repo/consultations";
import type { Transaction } from "../../repo/transaction";
import { appError, refusalError } from "../../schemas/errors";

/**
 * What every consultation call starts with: the appointment and its session, loaded by id in
 * the call's transaction, the caller's part in it, and a transition's refusal as an HttpsError.
 */

export interface LoadedConsultation {
  appointment: AppointmentDoc;
  /** As stored (null: nobody has joined yet). */
  stored: StoredSession | null;
  /** The stored session, or a new one in `created` to run a transition on. */
  session: ConsultationSession;
}

/** The domain's view of an appointment, for newSession. */
export function sessionFacts(appointment: AppointmentDoc) {
  return {
    patientUid: appointment.patientUid,
    doctorUid: appointment.doctorUid,
    org: appointment.org,
    startMs: appointment.start.toMillis(),
    endMs: appointment.end.toMillis(),
  };
}

/** In a transaction, by id only (never a query): the appointment and its session. */
export async function loadConsultation(
  tx: Transaction,
  appointmentId: string,
  now: Date,
): Promise<LoadedConsultation> {
  const [appointment, stored] = await Promise.all([
    getAppointment(appointmentId, tx),
    getSession(appointmentId, tx),
  ]);
  if (!appointment) throw appError("not-found", "appointment-not-found", "no such appointment");
  return {
    appointment,
    stored,
    session: stored?.session ?? newSession(appointmentId, sessionFacts(appointment), now.getTime()),
  };
}

/** The ids a consultation's domain events carry. */
export function consultationIds(appointmentId: string, appointment: AppointmentDoc) {
  return { appointmentId, patientUid: appointment.patientUid, doctorUid: appointment.doctorUid };
}

/**
 * The actor's part in the consultation. The doctor must also hold the doctor role, as the
 * security rules require for reading the session: a doctor whose role was withdrawn is out.
 */
export function participantRole(
  appointment: Pick<AppointmentDoc, "patientUid" | "doctorUid">,
  actor: Actor,
): Role {
  const role = roleOf(appointment, actor.uid);
  if (role === null)
    throw appError(
      "permission-denied",
      "not-participant",
      "only the patient and the doctor of this appointment take part in its consultation",
    );
  if (role === "doctor" && actor.role !== "doctor")
    throw appError(
      "permission-denied",
      "role-not-allowed",
      "sign in with the doctor role to take part as the doctor",
    );
  return role;
}

/**
 * A participant moves the consultation on, in the call's transaction: the consultation loaded,
 * the caller's part in it, and `transition` applied to its session (a refusal thrown). Nothing
 * is written: the caller writes `next`.
 */
export async function participantTransition(
  tx: Transaction,
  appointmentId: string,
  actor: Actor,
  now: Date,
  transition: (session: ConsultationSession, role: Role, nowMs: number) => Transition,
) {
  const loaded = await loadConsultation(tx, appointmentId, now);
  const role = participantRole(loaded.appointment, actor);
  return { ...loaded, role, next: applied(transition(loaded.session, role, now.getTime())) };
}

/** The transition's result, or its refusal as an HttpsError with the domain's code and message. */
export function applied(transition: Transition): Extract<Transition, { ok: true }> {
  if (!transition.ok) throw refusalError(transition);
  return transition;
}
