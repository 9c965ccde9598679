import type { ConsultationSession } from "./session";

const MINUTE = 60_000;

/**
 * Whether a patient is waiting alone for a doctor who is late: the session is `waiting`, the
 * patient is in the room, the doctor has never joined, and `lateMinutes` have passed since the
 * scheduled start (inclusive). Before the no-show grace ends this is the moment to tell the
 * patient and alert the clinic (handlers/consultations/closeConsultations.ts); after the grace
 * the no-show sweep records the doctor's absence.
 */
export function doctorLateDecision(
  session: Pick<ConsultationSession, "status" | "startMs" | "participants">,
  lateMinutes: number,
  now: number,
): boolean {
  if (session.status !== "waiting") return false;
  const { doctor, patient } = session.participants;
  if (!patient.present || doctor.joinedAt !== undefined) return false;
  return now >= session.startMs + lateMinutes * MINUTE;
}
