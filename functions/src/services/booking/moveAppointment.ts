import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { AuditAction } from "../../domain/audit/entry";
import { withBooked } from "../../domain/booking/bookedTime";
import { heldIntervals, withoutHold } from "../../domain/booking/heldTime";
import { slotLockId } from "../../domain/booking/keys";
import type { Refusal } from "../../domain/booking/policy";
import { onBehalf, patientOf, type Actor } from "../../domain/identity/actor";
import { firstReminderDue, rescheduledMessageId } from "../../domain/notifications/outbox";
import { REMINDER_PLAN } from "../../config/notifications";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { appError, refusalError } from "../../schemas/errors";
import {
  getAppointment,
  updateAppointment,
  type AppointmentDoc,
  type AppointmentEvent,
} from "../../repo/appointments";
import { getAvailability, updateBookedTime } from "../../repo/availability";
import { getPatientBookings } from "../../repo/bookingState";
import { getDoctor } from "../../repo/doctors";
import { createRecordedAnswer, getRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import { deleteSlotLock } from "../../repo/slotLocks";
import { enqueueAppointmentMessage, readRecipient } from "../notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../notifications/clinicianMessages";
import { appointmentAction } from "./appointmentActions";
import { appointmentView, type AppointmentView } from "./appointmentView";
import { replayedView } from "./replay";
import { checkSlot, doctorBookedTime } from "./slotCheck";
import { checkHold, noAvailability, withSlotHold } from "./slotHold";

export interface Move {
  appointmentId: string;
  startMs: number;
  actor: Actor;
  origin: Origin;
  idempotencyKey?: string;
  /**
   * May this actor move the appointment as it is (read before the hold, and again in the
   * transaction)? The patient's reschedule: checkCanReschedule; accepting a proposal: checkCanAnswer.
   */
  authorise: (appointment: AppointmentDoc) => Refusal | null;
  /** The audit action (default `appointment.rescheduled`). */
  action?: AuditAction;
  /** Accepting the clinic's proposal: it is marked accepted and the doctor is told. */
  acceptsProposal?: boolean;
}

/**
 * Moves an appointment to another slot of the same doctor: the new slot is held (on the doctor's
 * schedule, services/booking/slotHold.ts), then one transaction re-validates against the doctor's
 * booked time (on their availability) and the patient's open bookings and turns the hold into
 * booked time while freeing the old slot's, so the old slot is free exactly when the new one is
 * taken. The patient is told (`appointment.rescheduled`); an open
 * proposal is closed (accepted when this is its acceptance, withdrawn otherwise). A retry with the
 * same idempotency key answers the appointment as it is now.
 */
export async function moveAppointment(
  move: Move,
  now: Date,
): Promise<{ view: AppointmentView; fresh: boolean }> {
  const { appointmentId, startMs, actor, origin } = move;
  const call: IdempotentCall = {
    uid: actor.uid,
    key: move.idempotencyKey,
    operation: move.acceptsProposal ? "acceptProposal" : "reschedule",
    request: { appointmentId, start: new Date(startMs).toISOString() },
  };
  const recorded = await getRecordedAnswer<AppointmentView>(call);
  if (recorded) return { view: await replayedView(recorded), fresh: false };

  // Checked here to pick the lock and refuse early; checked again inside the transaction.
  const current = await getAppointment(appointmentId);
  if (!current) throw appError("not-found", "appointment-not-found", "no such appointment");
  const early = move.authorise(current);
  if (early) throw refusalError(early);
  if (current.start.toMillis() === startMs)
    throw appError("failed-precondition", "already-at-that-time", "the appointment is already at that time");
  const lockId = slotLockId(current.doctorUid, startMs);
  const doctorName = (await getDoctor(current.doctorUid))?.name ?? "";
  const hold = { doctorUid: current.doctorUid, startMs, call };

  let fresh = false;
  const view = await withSlotHold<AppointmentView>(hold, now, async (tx, claim) => {
    const again = await getRecordedAnswer<AppointmentView>(call, tx);
    if (again) return again;
    const appointment = await getAppointment(appointmentId, tx);
    if (!appointment) throw appError("not-found", "appointment-not-found", "no such appointment");
    const refusal = move.authorise(appointment);
    if (refusal) throw refusalError(refusal);
    const [availability, patient, recipient] = await Promise.all([
      getAvailability(appointment.doctorUid, tx),
      getPatientBookings(appointment.patientUid, tx),
      readRecipient(tx, appointment.patientUid),
    ]);
    if (!availability) throw noAvailability();
    checkHold(availability, startMs, claim);
    const booked = await doctorBookedTime(appointment.doctorUid, availability, now);
    // The doctor is told when the patient moves the appointment or accepts their proposal
    // (clinicianMessages: proven number, their language and clock, after their quiet hours).
    const notice =
      move.acceptsProposal || patientOf(actor) === appointment.patientUid
        ? await readClinicianNotice(tx, appointment)
        : null;
    const moving = { appointmentId, startMs: appointment.start.toMillis() };
    const held = heldIntervals(availability.held, now.getTime(), claim);
    const slot = checkSlot({
      startMs,
      now,
      availability,
      booked,
      held,
      patientOpen: patient.intervals(),
      moving,
    });
    if (!slot.modes.includes(appointment.mode))
      throw appError(
        "failed-precondition",
        "mode-no-longer-offered",
        `the doctor no longer offers ${appointment.mode} consultations at that time`,
      );

    const at = Timestamp.fromDate(now);
    const start = Timestamp.fromMillis(Date.parse(slot.start));
    const end = Timestamp.fromMillis(Date.parse(slot.end));
    const event: AppointmentEvent = {
      event: "rescheduled",
      at,
      by: actor.uid,
      role: actor.role,
      ...onBehalf(actor),
      from: appointment.start,
      to: start,
    };
    const openProposal = appointment.proposal?.status === "open";
    // A lock written before holds moved onto the schedule (read by nothing since): removed.
    deleteSlotLock(tx, appointment.slotLockId);
    updateAppointment(tx, appointmentId, {
      start,
      end,
      slotLockId: lockId,
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
      // The reminders for the new time: the first one's due time (handlers/notifications/reminders.ts).
      ...nextReminderFor(start.toMillis(), now),
      ...(openProposal && {
        "proposal.status": move.acceptsProposal ? "accepted" : "withdrawn",
        "proposal.openUntil": null,
        ...(move.acceptsProposal && { "proposal.answeredAt": at }),
      }),
    });
    const interval = { start: start.toMillis(), end: end.toMillis() };
    updateBookedTime(
      tx,
      appointment.doctorUid,
      withBooked(booked, { take: interval, freeStartMs: moving.startMs }, now.getTime()),
      withoutHold(availability.held, claim, now.getTime()),
    );
    patient.remove(appointmentId);
    patient.add(appointmentId, interval);
    patient.write(tx, { updatedAt: at });
    const vars = {
      doctorName,
      start: start.toDate(),
      previousStart: appointment.start.toDate(),
      mode: appointment.mode,
    };
    // One message per move, also A -> B -> A -> B: the new entry's index in the history.
    const messageId = rescheduledMessageId(appointmentId, appointment.history.length);
    const { timezone } = appointment;
    enqueueAppointmentMessage(
      tx,
      { id: messageId, recipient, kind: "appointment.rescheduled", vars, timezone, appointmentId },
      now,
    );
    if (notice && move.acceptsProposal)
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `${messageId}_doctor`,
          kind: "schedule.proposalAccepted",
          vars: { doctorName, start: vars.start, previousStart: vars.previousStart },
          appointmentId,
          startMs: interval.start,
        },
        now,
      );
    else if (notice)
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `${messageId}_dr`,
          kind: "clinician.rescheduled",
          vars: { start: vars.start, previousStart: vars.previousStart },
          appointmentId,
          startMs: interval.start,
        },
        now,
      );
    const subject = { appointmentId, appointment, actor, origin };
    recordAction(tx, appointmentAction(subject, move.action ?? "appointment.rescheduled"), now);
    const result = appointmentView(appointmentId, {
      ...appointment,
      startMs: interval.start,
      endMs: interval.end,
    });
    createRecordedAnswer(tx, call, result, now);
    fresh = true;
    return result;
  });
  if (!fresh) return { view: await replayedView(view), fresh: false };
  return { view, fresh: true };
}

/** A moved appointment's reminders start again from the plan for its new time. */
function nextReminderFor(startMs: number, now: Date) {
  const due = firstReminderDue(startMs, now.getTime(), REMINDER_PLAN);
  return {
    nextReminderAt: due === null ? null : Timestamp.fromMillis(due),
    reminderOffset: FieldValue.delete(),
  };
}
