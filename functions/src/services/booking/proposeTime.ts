import { Timestamp } from "firebase-admin/firestore";
import { appError } from "../../schemas/errors";
import { PROPOSAL_POLICY } from "../../config/booking";
import type { BookedStarts } from "../../domain/booking/bookedTime";
import { proposalDeadline } from "../../domain/booking/proposals";
import type { Actor } from "../../domain/identity/actor";
import type { Slot } from "../../domain/scheduling/slots";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { updateAppointment, type AppointmentDoc, type Proposal } from "../../repo/appointments";
import type { AvailabilityDoc } from "../../repo/availability";
import type { PatientBookings } from "../../repo/bookingState";
import type { Transaction } from "../../repo/transaction";
import { enqueueAppointmentMessage, type Recipient } from "../notifications/appointmentMessages";
import { appointmentAction } from "./appointmentActions";
import { readForCancel } from "./cancelAppointment";
import { checkSlot, doctorBookedTime } from "./slotCheck";

/**
 * A proposal of a new time, in the caller's transaction: `readForProposal` reads the appointment,
 * the doctor's schedule and booked time and the patient's open bookings; `checkProposedSlot` says
 * whether the time is offered and free for both (the same checks as a booking: `already-exists`
 * when someone holds it, `failed-precondition` when it is not offered or the patient is busy);
 * `writeProposal` puts the proposal on the appointment, tells the patient and records the action.
 * The slot is not held: it is checked again when the patient accepts (moveAppointment).
 */
export interface ProposalRead {
  appointmentId: string;
  appointment: AppointmentDoc;
  availability: AvailabilityDoc | null;
  booked: BookedStarts;
  patient: PatientBookings;
  recipient: Recipient | null;
  doctorName: string;
}

export async function readForProposal(
  tx: Transaction,
  appointmentId: string,
  now: Date,
): Promise<ProposalRead | null> {
  // The same documents a cancellation reads (the proposal may end in one).
  const read = await readForCancel(tx, appointmentId);
  if (!read) return null;
  const { appointment, availability, patient, recipient, doctor } = read;
  const booked = availability ? await doctorBookedTime(appointment.doctorUid, availability, now) : {};
  return {
    appointmentId,
    appointment,
    availability,
    booked,
    patient,
    recipient,
    doctorName: doctor?.name ?? "",
  };
}

export function checkProposedSlot(read: ProposalRead, toMs: number, now: Date): Slot {
  const { appointment, availability } = read;
  if (!availability)
    throw appError("failed-precondition", "no-availability", "this doctor has not published availability");
  const moving = { appointmentId: read.appointmentId, startMs: appointment.start.toMillis() };
  const slot = checkSlot({
    startMs: toMs,
    now,
    availability,
    booked: read.booked,
    patientOpen: read.patient.intervals(),
    moving,
  });
  if (!slot.modes.includes(appointment.mode))
    throw appError(
      "failed-precondition",
      "slot-not-offered",
      `the doctor does not offer ${appointment.mode} consultations then`,
    );
  return slot;
}

export interface ProposalWrite {
  actor: { uid: string; role: string };
  origin: Origin;
  slot: Slot;
  reason?: string;
  changeId?: string;
}

export function writeProposal(tx: Transaction, read: ProposalRead, w: ProposalWrite, now: Date): Proposal {
  const { appointmentId, appointment } = read;
  const toMs = Date.parse(w.slot.start);
  const deadline = proposalDeadline(now.getTime(), appointment.start.toMillis(), toMs, PROPOSAL_POLICY);
  if (deadline === null)
    throw appError(
      "failed-precondition",
      "too-late-to-change",
      "too close to the appointment for the patient to answer",
    );
  const at = Timestamp.fromDate(now);
  const expiresAt = Timestamp.fromMillis(deadline);
  const proposal: Proposal = {
    from: appointment.start,
    to: Timestamp.fromMillis(toMs),
    end: Timestamp.fromMillis(Date.parse(w.slot.end)),
    status: "open",
    expiresAt,
    openUntil: expiresAt,
    by: w.actor.uid,
    role: w.actor.role,
    ...(w.reason ? { reason: w.reason } : {}),
    ...(w.changeId ? { changeId: w.changeId } : {}),
    round: (appointment.proposal?.round ?? 0) + 1,
    proposedAt: at,
    answeredAt: null,
  };
  updateAppointment(tx, appointmentId, { proposal, updatedAt: at });
  // The appointment is cancelled without an answer: the patient must get this, even after STOP.
  enqueueAppointmentMessage(
    tx,
    {
      id: `appt_${appointmentId}_proposed_${proposal.round}`,
      recipient: read.recipient,
      kind: "appointment.proposed",
      vars: {
        doctorName: read.doctorName,
        start: proposal.to.toDate(),
        previousStart: appointment.start.toDate(),
        deadline: expiresAt.toDate(),
      },
      timezone: appointment.timezone,
      appointmentId,
      required: true,
    },
    now,
  );
  const subject = { appointmentId, appointment, actor: w.actor as Actor, origin: w.origin };
  recordAction(tx, appointmentAction(subject, "appointment.proposed"), now);
  return proposal;
}
