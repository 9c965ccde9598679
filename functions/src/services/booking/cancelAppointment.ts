import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { withBooked } from "../../domain/booking/bookedTime";
import type { CancelledBy, TemplateVars } from "../../domain/notifications/templates";
import type { AuditAction } from "../../domain/audit/entry";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import {
  factsOf,
  getAppointment,
  updateAppointment,
  type AppointmentDoc,
  type AppointmentEvent,
} from "../../repo/appointments";
import { getAvailability, updateBookedTime, type AvailabilityDoc } from "../../repo/availability";
import { getPatientBookings, type PatientBookings } from "../../repo/bookingState";
import { getDoctor, type DoctorDoc } from "../../repo/doctors";
import { deleteReminders } from "../../repo/reminders";
import { deleteSlotLock } from "../../repo/slotLocks";
import type { Transaction } from "../../repo/transaction";
import {
  enqueueAppointmentMessage,
  readRecipient,
  type Recipient,
} from "../notifications/appointmentMessages";
import {
  enqueueClinicianMessage,
  readClinicianNotice,
  type ClinicianNotice,
  type ProposalOutcomeKind,
} from "../notifications/clinicianMessages";
import { appointmentAction } from "./appointmentActions";
import { appointmentView, type AppointmentView } from "./appointmentView";

/**
 * Cancelling an appointment, in two steps inside the caller's transaction (Firestore wants every
 * read before the first write): `readForCancel` reads the appointment and what its cancellation
 * changes; `writeCancel` frees the slot (its lock, the doctor's booked time), takes it out of the
 * patient's open bookings, deletes its reminders, closes an open proposal, tells the patient (and,
 * when asked, the doctor: through clinicianMessages, so only on their proven number, in their
 * language, after their quiet hours) and records the audit entry and event. The cancel callable,
 * a declined or expired proposal and the cascades of a schedule change all cancel through here.
 */
export interface CancelRead {
  appointmentId: string;
  appointment: AppointmentDoc;
  availability: AvailabilityDoc | null;
  patient: PatientBookings;
  recipient: Recipient | null;
  doctor: DoctorDoc | null;
  /** How the doctor is told (clinicianMessages), read only when `clinicianNotice` says so. */
  notice: ClinicianNotice | null;
}

export async function readForCancel(
  tx: Transaction,
  appointmentId: string,
  /** Is the doctor to be told of this cancellation (the patient cancelled, or answered a proposal)? */
  options: { clinicianNotice?: (appointment: AppointmentDoc) => boolean } = {},
): Promise<CancelRead | null> {
  const appointment = await getAppointment(appointmentId, tx);
  if (!appointment) return null;
  const [availability, patient, recipient, doctor] = await Promise.all([
    getAvailability(appointment.doctorUid, tx),
    getPatientBookings(appointment.patientUid, tx),
    readRecipient(tx, appointment.patientUid),
    getDoctor(appointment.doctorUid, tx),
  ]);
  const notice = options.clinicianNotice?.(appointment) ? await readClinicianNotice(tx, appointment) : null;
  return { appointmentId, appointment, availability, patient, recipient, doctor, notice };
}

export interface CancelWrite {
  /** Who cancels: a user, or the system (`{ uid: "system", role: "system" }`); with the patient acted for (issue 15). */
  actor: { uid: string; role: string; onBehalfOf?: string };
  origin: Origin;
  reason?: string;
  /** Who the patient's message names: the patient ("as you asked") or the clinic. */
  cancelledBy: CancelledBy;
  /** The patient must get it even after STOP (the clinic cancelled). */
  required: boolean;
  /**
   * What the doctor is told instead of `clinician.cancelled` (a proposal declined or expired);
   * sent only when the read asked for the notice (`clinicianNotice`).
   */
  doctorMessage?: DoctorMessage;
  /** Besides `appointment.cancelled`: the action that caused it (e.g. a proposal expired). */
  causeAction?: AuditAction;
  /** What an open proposal becomes (default `withdrawn`). */
  proposalStatus?: "declined" | "expired" | "withdrawn";
}

/** The patient's first name and initial come from the notice; the rest is the caller's. */
export type DoctorMessage = {
  [K in Exclude<ProposalOutcomeKind, "schedule.proposalAccepted">]: {
    id: string;
    kind: K;
    vars: Omit<TemplateVars[K], "patientName">;
  };
}[Exclude<ProposalOutcomeKind, "schedule.proposalAccepted">];

export function writeCancel(tx: Transaction, read: CancelRead, w: CancelWrite, now: Date): AppointmentView {
  const { appointmentId, appointment } = read;
  const facts = factsOf(appointment);
  const at = Timestamp.fromDate(now);
  const event: AppointmentEvent = {
    event: "cancelled",
    at,
    by: w.actor.uid,
    role: w.actor.role,
    ...(w.actor.onBehalfOf ? { onBehalfOf: w.actor.onBehalfOf } : {}),
    ...(w.reason ? { reason: w.reason } : {}),
  };
  deleteSlotLock(tx, appointment.slotLockId);
  updateAppointment(tx, appointmentId, {
    status: "cancelled",
    updatedAt: at,
    history: FieldValue.arrayUnion(event),
    nextReminderAt: null,
    ...(appointment.proposal?.status === "open" && {
      "proposal.status": w.proposalStatus ?? "withdrawn",
      "proposal.openUntil": null,
      ...(w.proposalStatus && w.proposalStatus !== "withdrawn" && { "proposal.answeredAt": at }),
    }),
  });
  // The slot is offered again. (Booked time not yet on the availability is read from the
  // appointments, where this one is cancelled now.)
  if (read.availability?.booked)
    updateBookedTime(
      tx,
      appointment.doctorUid,
      withBooked(read.availability.booked, { freeStartMs: facts.startMs }, now.getTime()),
    );
  read.patient.remove(appointmentId);
  read.patient.write(tx, { updatedAt: at });
  deleteReminders(tx, appointmentId);
  enqueueAppointmentMessage(
    tx,
    {
      id: `appt_${appointmentId}_cancelled`,
      recipient: read.recipient,
      kind: "appointment.cancelled",
      vars: {
        doctorName: read.doctor?.name ?? "",
        start: appointment.start.toDate(),
        cancelledBy: w.cancelledBy,
      },
      timezone: appointment.timezone,
      appointmentId,
      required: w.required,
    },
    now,
  );
  // The doctor is told when the read asked for it (`clinicianNotice`): the caller's message (a
  // proposal's outcome), or that the patient cancelled.
  if (read.notice) {
    const about = { appointmentId, startMs: appointment.start.toMillis() };
    if (w.doctorMessage) enqueueClinicianMessage(tx, read.notice, { ...w.doctorMessage, ...about }, now);
    else
      enqueueClinicianMessage(
        tx,
        read.notice,
        {
          id: `appt_${appointmentId}_cancelled_dr`,
          kind: "clinician.cancelled",
          vars: { start: appointment.start.toDate() },
          ...about,
        },
        now,
      );
  }
  const subject = { appointmentId, appointment, actor: w.actor as Actor, origin: w.origin };
  if (w.causeAction) recordAction(tx, appointmentAction(subject, w.causeAction), now);
  const counted = { type: "appointment.cancelled", byActor: true } as const;
  recordAction(tx, appointmentAction(subject, "appointment.cancelled", counted), now);
  return appointmentView(appointmentId, { ...appointment, ...facts, status: "cancelled" });
}
