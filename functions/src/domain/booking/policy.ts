import { patientOf, type Actor } from "../identity/actor";

/** Booking rules users expect; values live in config/booking.ts. */
export interface BookingPolicy {
  /** A patient may cancel up to this many minutes before the start. */
  cancelCutoffMinutes: number;
  /** A patient may reschedule up to this many minutes before the start. */
  rescheduleCutoffMinutes: number;
  /** Booked appointments a patient may hold that have not ended yet. */
  maxOpenBookings: number;
}

export { APPOINTMENT_STATUSES, type AppointmentStatus } from "../../schemas/documents/appointment";
import type { AppointmentStatus } from "../../schemas/documents/appointment";
import type { ErrorReason } from "../../schemas/errorReasons";

export interface AppointmentFacts {
  patientUid: string;
  doctorUid: string;
  org: string;
  status: AppointmentStatus;
  startMs: number;
  endMs: number;
}

export type Refusal = {
  code: "permission-denied" | "failed-precondition" | "invalid-argument" | "resource-exhausted";
  message: string;
  reason?: ErrorReason;
};

export function checkOpenBookings(openCount: number, policy: BookingPolicy): Refusal | null {
  return openCount >= policy.maxOpenBookings
    ? {
        code: "resource-exhausted",
        reason: "too-many-open-bookings",
        message: `a patient may hold at most ${policy.maxOpenBookings} upcoming appointments`,
      }
    : null;
}

/**
 * What every change of an appointment checks first: that the caller may (`allowed`, else
 * `forbidden` with `message`), then that the appointment is still booked (one cancelled,
 * completed or a no-show cannot change).
 */
function changeRefusal(allowed: boolean, message: string, appointment: AppointmentFacts): Refusal | null {
  if (!allowed) return { code: "permission-denied", reason: "forbidden", message };
  if (appointment.status === "booked") return null;
  return {
    code: "failed-precondition",
    reason: "appointment-closed",
    message: `the appointment is already ${appointment.status.replace("_", "-")}`,
  };
}

/** A patient's change after its cut-off, `minutes` before the start, is refused with `message`. */
function pastCutoff(
  appointment: AppointmentFacts,
  now: Date,
  minutes: number,
  message: string,
): Refusal | null {
  if (now.getTime() <= appointment.startMs - minutes * 60_000) return null;
  return { code: "failed-precondition", reason: "too-late-to-change", message };
}

/** The appointment's clinic: its doctor, or an admin of its organisation (or of the platform). */
function isClinic(actor: Actor, appointment: AppointmentFacts): boolean {
  const isDoctor = actor.role === "doctor" && actor.uid === appointment.doctorUid;
  const isAdmin = actor.role === "admin" && (actor.platform || actor.org === appointment.org);
  return isDoctor || isAdmin;
}

/** Who is cancelling: the patient, the clinic (the doctor or an admin of the org), or nobody allowed. */
export function cancellerRole(actor: Actor, appointment: AppointmentFacts): "patient" | "clinic" | null {
  if (isClinic(actor, appointment)) return "clinic";
  // The patient, or whoever acts for them (issue 15: `onBehalfOf`, set only after authz/care.ts).
  return patientOf(actor) === appointment.patientUid ? "patient" : null;
}

/** The patient may cancel before the cut-off; the clinic may cancel any time, with a reason. */
export function checkCanCancel(
  actor: Actor,
  appointment: AppointmentFacts,
  reason: string | undefined,
  now: Date,
  policy: BookingPolicy,
): Refusal | null {
  const role = cancellerRole(actor, appointment);
  const refused = changeRefusal(
    role !== null,
    "only the patient, the doctor or an admin of the clinic may cancel",
    appointment,
  );
  if (refused) return refused;
  if (role === "patient")
    return pastCutoff(
      appointment,
      now,
      policy.cancelCutoffMinutes,
      `appointments can be cancelled up to ${policy.cancelCutoffMinutes} minutes before the start; contact the clinic`,
    );
  if (!reason)
    return {
      code: "invalid-argument",
      reason: "reason-required",
      message: "reason: a doctor or admin cancelling must give a reason",
    };
  return null;
}

export function checkCanReschedule(
  actor: Actor,
  appointment: AppointmentFacts,
  now: Date,
  policy: BookingPolicy,
): Refusal | null {
  const refused = changeRefusal(
    patientOf(actor) === appointment.patientUid,
    "only the patient may reschedule their appointment",
    appointment,
  );
  if (refused) return refused;
  return pastCutoff(
    appointment,
    now,
    policy.rescheduleCutoffMinutes,
    `appointments can be rescheduled up to ${policy.rescheduleCutoffMinutes} minutes before the start`,
  );
}

/** The doctor or an org admin records how a started appointment ended. */
export function checkCanRecordOutcome(
  actor: Actor,
  appointment: AppointmentFacts,
  now: Date,
): Refusal | null {
  const refused = changeRefusal(
    isClinic(actor, appointment),
    "only the doctor or an admin of the clinic records the outcome",
    appointment,
  );
  if (refused) return refused;
  if (now.getTime() < appointment.startMs)
    return {
      code: "failed-precondition",
      reason: "appointment-not-started",
      message: "the appointment has not started yet",
    };
  return null;
}

/** The patient's upcoming appointments that overlap [start, end). */
export function overlappingAppointment<T extends { startMs: number; endMs: number }>(
  mine: readonly T[],
  startMs: number,
  endMs: number,
): T | undefined {
  return mine.find((a) => a.startMs < endMs && startMs < a.endMs);
}
