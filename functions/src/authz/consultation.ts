import type { AppointmentStatus } from "../domain/booking/policy";
import type { Role, SessionStatus } from "../domain/consultations/session";
import type { ConsultationMode } from "../schemas/scheduling";
import type { ErrorReason } from "../schemas/errorReasons";

/**
 * Who may get a video token for an appointment's consultation, and when. Pure: the caller passes
 * `now`. Messages name no user and no id.
 */

export interface ConsultationAppointment {
  patientUid: string;
  doctorUid: string;
  status: AppointmentStatus;
  startMs: number;
  endMs: number;
  mode: ConsultationMode;
}

export interface TokenPolicy {
  /** The consultation opens this many minutes before the start. */
  leadMinutes: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { leadMinutes: 10 };

export type TokenDecision =
  | {
      ok: true;
      role: Role;
      /** The window the token is valid in: from the opening to the scheduled end. */
      notBeforeMs: number;
      expiresAtMs: number;
    }
  | {
      ok: false;
      code: "permission-denied" | "failed-precondition";
      message: string;
      reason?: ErrorReason;
      at?: string;
    };

const MINUTE = 60_000;

/** "10:20 UTC", with the date when it is not the same UTC day as `now`. */
function utcTime(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return `${iso.slice(11, 16)} UTC${sameDay ? "" : ` on ${iso.slice(0, 10)}`}`;
}

const APPOINTMENT_REFUSALS: Partial<Record<AppointmentStatus, string>> = {
  cancelled: "this appointment was cancelled",
  completed: "this consultation is over",
  no_show: "this appointment was marked as a no-show",
};

const SESSION_REFUSALS: Partial<Record<SessionStatus, string>> = {
  ended: "this consultation has ended",
  no_show: "this consultation was marked as a no-show",
};

/**
 * The checks, in order: a participant of the appointment (else permission-denied), a video
 * appointment, an appointment still booked, a session not ended or a no-show (`sessionStatus` is
 * null when no session exists yet), then the window [start - leadMinutes, end).
 */
export function tokenDecision(
  actorUid: string,
  appointment: ConsultationAppointment,
  sessionStatus: SessionStatus | null,
  now: number,
  policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
): TokenDecision {
  const role: Role | null =
    actorUid === appointment.doctorUid ? "doctor" : actorUid === appointment.patientUid ? "patient" : null;
  if (role === null) {
    return {
      ok: false,
      code: "permission-denied",
      reason: "not-participant",
      message: "only the patient and the doctor of this appointment can join its consultation",
    };
  }
  if (appointment.mode !== "video") {
    return {
      ok: false,
      code: "failed-precondition",
      reason: "consultation-not-open",
      message: "this appointment is in person; it has no video consultation",
    };
  }
  const appointmentRefusal = APPOINTMENT_REFUSALS[appointment.status];
  if (appointmentRefusal)
    return {
      ok: false,
      code: "failed-precondition",
      reason: "appointment-closed",
      message: appointmentRefusal,
    };
  const sessionRefusal = sessionStatus === null ? undefined : SESSION_REFUSALS[sessionStatus];
  if (sessionRefusal)
    return {
      ok: false,
      code: "failed-precondition",
      reason: "consultation-not-open",
      message: sessionRefusal,
    };

  const opensAt = appointment.startMs - policy.leadMinutes * MINUTE;
  if (now < opensAt) {
    return {
      ok: false,
      code: "failed-precondition",
      reason: "consultation-not-open",
      message: `the consultation opens at ${utcTime(opensAt, now)}; try again then`,
      at: new Date(opensAt).toISOString(),
    };
  }
  if (now >= appointment.endMs) {
    return {
      ok: false,
      code: "failed-precondition",
      reason: "consultation-not-open",
      message: `the consultation time ended at ${utcTime(appointment.endMs, now)}`,
      at: new Date(appointment.endMs).toISOString(),
    };
  }
  return { ok: true, role, notBeforeMs: opensAt, expiresAtMs: appointment.endMs };
}
