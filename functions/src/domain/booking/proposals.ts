import type { AppointmentDoc } from "../../schemas/documents/appointment";
import { patientOf, type Actor } from "../identity/actor";
import { cancellerRole, type AppointmentFacts, type Refusal } from "./policy";

/**
 * A new time proposed by the clinic (the doctor, or an admin of the appointment's organisation):
 * it means the clinic cannot keep the current time. The patient accepts (the appointment moves,
 * through the reschedule path) or declines (it is cancelled); with no answer by the deadline it is
 * cancelled. Pure: `now` and the policy are arguments.
 */
export interface ProposalPolicy {
  /** The patient has at most this long to answer. */
  answerWithinHours: number;
  /** …and must answer this long before the earlier of the current and the proposed start. */
  answerCutoffMinutes: number;
}

export type ProposalStatus = "open" | "accepted" | "declined" | "expired" | "withdrawn";

/** The proposal as the decisions need it. */
export interface ProposalFacts {
  status: ProposalStatus;
  fromMs: number;
  toMs: number;
  expiresAtMs: number;
}

const MINUTE = 60_000;

/** When the patient's answer is due: null when that is already past (too late to propose). */
export function proposalDeadline(
  nowMs: number,
  fromMs: number,
  toMs: number,
  policy: ProposalPolicy,
): number | null {
  const deadline = Math.min(
    nowMs + policy.answerWithinHours * 60 * MINUTE,
    Math.min(fromMs, toMs) - policy.answerCutoffMinutes * MINUTE,
  );
  return deadline > nowMs ? deadline : null;
}

/**
 * The doctor of the appointment or an admin of its clinic proposes `toMs` for a booked
 * appointment; the time must be ahead, differ from the current one, and leave the patient time to
 * answer. (Whether the slot is offered and free is checked against the doctor's schedule.)
 */
export function checkCanPropose(
  actor: Actor,
  appointment: AppointmentFacts,
  toMs: number,
  now: Date,
  policy: ProposalPolicy,
): Refusal | null {
  if (cancellerRole(actor, appointment) !== "clinic")
    return {
      code: "permission-denied",
      reason: "not-clinic",
      message: "only the doctor or an admin of the clinic may propose a new time",
    };
  if (appointment.status !== "booked") return closed(appointment);
  if (appointment.startMs <= now.getTime())
    return {
      code: "failed-precondition",
      reason: "too-late-to-change",
      message: "the appointment has already started",
    };
  if (toMs <= now.getTime())
    return {
      code: "failed-precondition",
      reason: "slot-not-offered",
      message: "the proposed time has passed",
    };
  if (toMs === appointment.startMs)
    return {
      code: "failed-precondition",
      reason: "already-at-that-time",
      message: "the appointment is already at that time",
    };
  if (proposalDeadline(now.getTime(), appointment.startMs, toMs, policy) === null)
    return {
      code: "failed-precondition",
      reason: "too-late-to-change",
      message: `too close to the appointment for the patient to answer (${policy.answerCutoffMinutes} minutes before); cancel it instead`,
    };
  return null;
}

/** Only the patient answers, an open proposal for the appointment as it still is, before its deadline. */
export function checkCanAnswer(
  actor: Actor,
  appointment: AppointmentFacts,
  proposal: ProposalFacts | null | undefined,
  now: Date,
): Refusal | null {
  // The patient, or their helper (`onBehalfOf`, set only after authz/care.ts decided).
  if (patientOf(actor) !== appointment.patientUid)
    return {
      code: "permission-denied",
      reason: "not-patient",
      message: "only the patient answers a proposed time",
    };
  if (appointment.status !== "booked") return closed(appointment);
  if (!proposal || proposal.status !== "open")
    return {
      code: "failed-precondition",
      reason: "no-open-proposal",
      message: "there is no open proposal for this appointment",
    };
  if (proposal.fromMs !== appointment.startMs)
    return {
      code: "failed-precondition",
      reason: "proposal-outdated",
      message: "the appointment has moved since the proposal",
    };
  if (now.getTime() >= proposal.expiresAtMs)
    return {
      code: "failed-precondition",
      reason: "proposal-expired",
      message: "the time to answer this proposal has passed",
    };
  return null;
}

/** The appointment is no longer booked (cancelled, completed…). */
function closed(appointment: AppointmentFacts): Refusal {
  return {
    code: "failed-precondition",
    reason: "appointment-closed",
    message: `the appointment is already ${appointment.status}`,
  };
}

/**
 * What the expiry run does with a proposal: cancel the appointment (still booked at the time the
 * proposal would have moved it from, no answer by the deadline), only close the proposal (the
 * appointment moved or closed some other way), or nothing yet.
 */
export function expiryDecision(
  appointment: Pick<AppointmentFacts, "status" | "startMs">,
  proposal: ProposalFacts | null | undefined,
  nowMs: number,
): "cancel" | "close" | null {
  if (!proposal || proposal.status !== "open" || nowMs < proposal.expiresAtMs) return null;
  return appointment.status === "booked" && appointment.startMs === proposal.fromMs ? "cancel" : "close";
}

/** The appointment's proposal as the decisions need it. */
export function proposalFacts(appointment: Pick<AppointmentDoc, "proposal">): ProposalFacts | null {
  const p = appointment.proposal;
  if (!p) return null;
  return {
    status: p.status,
    fromMs: p.from.toMillis(),
    toMs: p.to.toMillis(),
    expiresAtMs: p.expiresAt.toMillis(),
  };
}
