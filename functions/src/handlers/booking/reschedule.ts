import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { BOOKING_POLICY } from "../../config/booking";
import { withBooked } from "../../domain/booking/bookedTime";
import { slotLockId } from "../../domain/booking/keys";
import { checkCanReschedule } from "../../domain/booking/policy";
import { rescheduledMessageId } from "../../domain/notifications/outbox";
import { onBehalf, patientOf } from "../../domain/identity/actor";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { factsOf, getAppointment, updateAppointment, type AppointmentEvent } from "../../repo/appointments";
import { getAvailability, updateBookedTime } from "../../repo/availability";
import { getPatientBookings } from "../../repo/bookingState";
import { getDoctor } from "../../repo/doctors";
import { createRecordedAnswer, getRecordedAnswer } from "../../repo/idempotency";
import { setReminders } from "../../repo/reminders";
import { deleteSlotLock, updateSlotLock } from "../../repo/slotLocks";
import type { RescheduleRequest } from "../../schemas/scheduling";
import { actingFor } from "../../services/care/actingFor";
import { appointmentAction } from "../../services/booking/appointmentActions";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { replayedView } from "../../services/booking/replay";
import { checkSlot, doctorBookedTime } from "../../services/booking/slotCheck";
import { checkHold, withSlotHold } from "../../services/booking/slotHold";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The patient moves their appointment to another slot of the same doctor: the new slot is held,
 * then one transaction re-validates against the doctor's booked time (on their availability) and
 * the patient's open bookings, books the new slot's lock and deletes the old one, so the old slot
 * is free exactly when the new one is taken.
 */
export async function reschedule({
  actor: caller,
  input,
  now,
  origin,
}: Call<RescheduleRequest>): Promise<AppointmentView> {
  const actor = await actingFor(caller, input.onBehalfOf);
  const { appointmentId } = input;
  const startMs = Date.parse(input.start);
  const call = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "reschedule",
    request: { appointmentId, start: new Date(startMs).toISOString() },
  };
  const recorded = await getRecordedAnswer<AppointmentView>(call);
  if (recorded) return replayedView(recorded);

  // Checked here to pick the lock and refuse early; checked again inside the transaction.
  const current = await getAppointment(appointmentId);
  if (!current) throw appError("not-found", "appointment-not-found", "no such appointment");
  const early = checkCanReschedule(actor, factsOf(current), now, BOOKING_POLICY);
  if (early) throw refusalError(early);
  if (current.start.toMillis() === startMs)
    throw appError("failed-precondition", "precondition-failed", "the appointment is already at that time");
  const lockId = slotLockId(current.doctorUid, startMs);
  const doctorName = (await getDoctor(current.doctorUid))?.name ?? "";
  const hold = {
    lockId,
    doctorUid: current.doctorUid,
    patientUid: current.patientUid,
    appointmentId,
    startMs,
    call,
  };

  let fresh = false;
  const view = await withSlotHold<AppointmentView>(hold, now, async (tx, claim) => {
    const again = await getRecordedAnswer<AppointmentView>(call, tx);
    if (again) return again;
    await checkHold(tx, lockId, claim);
    const appointment = await getAppointment(appointmentId, tx);
    if (!appointment) throw appError("not-found", "appointment-not-found", "no such appointment");
    const refusal = checkCanReschedule(actor, factsOf(appointment), now, BOOKING_POLICY);
    if (refusal) throw refusalError(refusal);
    const [availability, patient, recipient] = await Promise.all([
      getAvailability(appointment.doctorUid, tx),
      getPatientBookings(appointment.patientUid, tx),
      readRecipient(tx, appointment.patientUid),
    ]);
    if (!availability)
      throw appError("failed-precondition", "no-availability", "this doctor has not published availability");
    const booked = await doctorBookedTime(appointment.doctorUid, availability, now);
    // The doctor is told when the patient moves the appointment.
    const notice =
      patientOf(actor) === appointment.patientUid ? await readClinicianNotice(tx, appointment) : null;
    const moving = { appointmentId, startMs: appointment.start.toMillis() };
    const slot = checkSlot({ startMs, now, availability, booked, patientOpen: patient.intervals(), moving });
    if (!slot.modes.includes(appointment.mode))
      throw appError(
        "failed-precondition",
        "slot-not-offered",
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
    deleteSlotLock(tx, appointment.slotLockId);
    updateSlotLock(tx, lockId, { state: "booked" });
    updateAppointment(tx, appointmentId, {
      start,
      end,
      slotLockId: lockId,
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
      // The reminders for the new time are written now (setReminders below).
      nextReminderAt: null,
    });
    const interval = { start: start.toMillis(), end: end.toMillis() };
    updateBookedTime(
      tx,
      appointment.doctorUid,
      withBooked(booked, { take: interval, freeStartMs: moving.startMs }, now.getTime()),
    );
    patient.remove(appointmentId);
    patient.add(appointmentId, interval);
    patient.write(tx, { updatedAt: at });
    enqueueAppointmentMessage(
      tx,
      {
        // One message per move, also A -> B -> A -> B: the new entry's index in the history.
        id: rescheduledMessageId(appointmentId, appointment.history.length),
        recipient,
        kind: "appointment.rescheduled",
        vars: {
          doctorName,
          start: start.toDate(),
          previousStart: appointment.start.toDate(),
          mode: appointment.mode,
        },
        timezone: appointment.timezone,
        appointmentId,
      },
      now,
    );
    if (notice)
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `${rescheduledMessageId(appointmentId, appointment.history.length)}_dr`,
          kind: "clinician.rescheduled",
          vars: { start: start.toDate(), previousStart: appointment.start.toDate() },
          appointmentId,
          startMs: interval.start,
        },
        now,
      );
    setReminders(tx, { appointmentId, patientUid: appointment.patientUid, startMs: interval.start }, now);
    const subject = { appointmentId, appointment, actor, origin };
    recordAction(tx, appointmentAction(subject, "appointment.rescheduled"), now);
    const result = appointmentView(appointmentId, {
      ...appointment,
      startMs: interval.start,
      endMs: interval.end,
    });
    createRecordedAnswer(tx, call, result, now);
    fresh = true;
    return result;
  });
  if (!fresh) return replayedView(view);
  logger.info("appointment.rescheduled", { appointmentId: view.appointmentId, by: actor.uid });
  return view;
}
