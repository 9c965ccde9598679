import type { Transaction } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import {
  newSession,
  roleOf,
  type ConsultationSession,
  type Role,
  type Transition,
} from "../../domain/consultations/session";
import type { Actor } from "../../domain/identity/actor";
import { getAppointment, type AppointmentDoc } from "../../repo/appointments";
import { readSession, type StoredSession } from "../../repo/consultations";

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
    readSession(tx, appointmentId),
  ]);
  if (!appointment) throw new HttpsError("not-found", "no such appointment");
  return {
    appointment,
    stored,
    session: stored?.session ?? newSession(appointmentId, sessionFacts(appointment), now.getTime()),
  };
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
    throw new HttpsError(
      "permission-denied",
      "only the patient and the doctor of this appointment take part in its consultation",
    );
  if (role === "doctor" && actor.role !== "doctor")
    throw new HttpsError("permission-denied", "sign in with the doctor role to take part as the doctor");
  return role;
}

/** The transition's result, or its refusal as an HttpsError with the domain's code and message. */
export function applied(transition: Transition): Extract<Transition, { ok: true }> {
  if (!transition.ok) throw new HttpsError(transition.code, transition.message);
  return transition;
}
