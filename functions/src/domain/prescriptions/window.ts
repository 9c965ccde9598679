/**
 * When a prescription may be issued for an appointment, and when one may still be dispensed.
 * Pure: the caller passes the appointment's facts and `now`.
 *
 * A doctor prescribes for a consultation that took place: from the appointment's start (or
 * earlier, once the video consultation is in progress: it may start a few minutes early), through
 * its completion, until PRESCRIBE_AFTER_HOURS after it ended (or was completed, whichever is
 * later), for follow-ups such as lab results. Never for a cancelled appointment or a no-show.
 */

export const PRESCRIBE_AFTER_HOURS = 72;
const HOUR = 3_600_000;

export interface PrescribingFacts {
  status: "booked" | "cancelled" | "completed" | "no_show";
  startMs: number;
  endMs: number;
  /** When the appointment was marked completed, if it was. */
  completedAtMs?: number;
  /** The video consultation's status, when one was opened. */
  sessionStatus?: string | null;
}

/** Why this appointment cannot be prescribed for now, or null when it can. */
export function prescribingRefusal(a: PrescribingFacts, now: number): string | null {
  if (a.status === "cancelled") return "this appointment was cancelled: there is nothing to prescribe for";
  if (a.status === "no_show")
    return "this appointment was a no-show: there was no consultation to prescribe for";
  const consulting = a.sessionStatus === "in_progress" || a.sessionStatus === "ended";
  if (now < a.startMs && !consulting)
    return `this appointment has not started yet: prescribe from its start (${new Date(a.startMs).toISOString()}) or once the consultation is in progress`;
  const closesAt = Math.max(a.endMs, a.completedAtMs ?? a.endMs) + PRESCRIBE_AFTER_HOURS * HOUR;
  if (now > closesAt)
    return `prescriptions for this appointment closed ${PRESCRIBE_AFTER_HOURS} hours after it ended (${new Date(closesAt).toISOString()})`;
  return null;
}

/**
 * Why a prescription must not be dispensed because of its appointment, or null. A cancelled
 * appointment voids its prescriptions; a missing one (the patient's account was deleted and the
 * record of care retained) does not.
 */
export function dispensingRefusal(appointmentStatus: string | null): string | null {
  if (appointmentStatus === "cancelled")
    return "the appointment this prescription was issued for was cancelled: the prescription is void; do not dispense it";
  return null;
}

/** How long a prescription may be dispensed after it was issued. */
export const RX_VALID_DAYS = 30;

/** Why a prescription may no longer be dispensed because of its age, or null. */
export function expiryRefusal(issuedAtMs: number, now: number): string | null {
  const until = issuedAtMs + RX_VALID_DAYS * 24 * HOUR;
  if (now <= until) return null;
  return `this prescription expired on ${new Date(until).toISOString().slice(0, 10)} (valid ${RX_VALID_DAYS} days from issue); do not dispense it`;
}

/**
 * Why a prescription may not be filled (dispensed or reserved) now, with its catalogue reason:
 * void (its appointment was cancelled) or expired (`at`: when it lapsed); null when it may.
 */
export function fillRefusal(
  appointmentStatus: string | null,
  issuedAtMs: number,
  now: number,
): { reason: "prescription-void" | "prescription-expired"; message: string; at?: string } | null {
  const voided = dispensingRefusal(appointmentStatus);
  if (voided) return { reason: "prescription-void", message: voided };
  const expired = expiryRefusal(issuedAtMs, now);
  if (expired)
    return {
      reason: "prescription-expired",
      message: expired,
      at: new Date(issuedAtMs + RX_VALID_DAYS * 24 * HOUR).toISOString(),
    };
  return null;
}
