import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { slotLockId } from "../../domain/booking/keys";
import { checkCanReschedule } from "../../domain/booking/policy";
import type { RescheduleRequest } from "../../schemas/scheduling";
import {
  appointmentRef,
  factsOf,
  getAppointment,
  type AppointmentDoc,
  type AppointmentEvent,
} from "../../repo/appointments";
import { appendAudit } from "../../repo/audit";
import { recordedAnswer, rememberResult } from "../../repo/idempotency";
import { db } from "../../repo/firestore";
import { scheduleReminders } from "../../repo/reminders";
import { slotLockRef } from "../../repo/slotLocks";
import { enqueueAppointmentMessage, readRecipient } from "../notifications/appointmentMessages";
import { checkSlotInTransaction, withSlotHold } from "./slotCheck";
import { appointmentView, type AppointmentView } from "./view";

/**
 * The patient moves their appointment to another slot of the same doctor: the new slot is held,
 * then one transaction re-validates, books the new slot's lock and deletes the old one, so the
 * old slot is free exactly when the new one is taken.
 */
export async function reschedule({
  actor,
  input,
  now,
  origin,
}: Call<RescheduleRequest>): Promise<AppointmentView> {
  const startMs = Date.parse(input.start);
  const call = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "reschedule",
    request: { appointmentId: input.appointmentId, start: new Date(startMs).toISOString() },
  };
  const recorded = await recordedAnswer<AppointmentView>(call);
  if (recorded) return recorded;

  // Checked here to pick the lock and refuse early; checked again inside the transaction.
  const current = (await appointmentRef(input.appointmentId).get()).data() as AppointmentDoc | undefined;
  if (!current) throw new HttpsError("not-found", "no such appointment");
  const early = checkCanReschedule(actor, factsOf(current), now, BOOKING_POLICY);
  if (early) throw new HttpsError(early.code, early.message);
  if (current.start.toMillis() === startMs)
    throw new HttpsError("failed-precondition", "the appointment is already at that time");
  const lockId = slotLockId(current.doctorUid, startMs);
  const doctorName = (await db().collection("doctors").doc(current.doctorUid).get()).get("name") as string;
  const hold = {
    lockId,
    doctorUid: current.doctorUid,
    patientUid: actor.uid,
    appointmentId: input.appointmentId,
    startMs,
    call,
  };

  let fresh = false;
  const view = await withSlotHold<AppointmentView>(hold, now, async (tx, claim) => {
    const again = await recordedAnswer<AppointmentView>(call, tx);
    if (again) return again;
    const appointment = await getAppointment(input.appointmentId, tx);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    const refusal = checkCanReschedule(actor, factsOf(appointment), now, BOOKING_POLICY);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    const { slot, doctorDays, patient } = await checkSlotInTransaction(tx, {
      lockId,
      claim,
      doctorUid: appointment.doctorUid,
      patientUid: actor.uid,
      startMs,
      now,
      moving: { appointmentId: input.appointmentId, startMs: appointment.start.toMillis() },
    });
    if (!slot.modes.includes(appointment.mode))
      throw new HttpsError(
        "failed-precondition",
        `the doctor no longer offers ${appointment.mode} consultations at that time`,
      );
    const recipient = await readRecipient(tx, appointment.patientUid);

    const at = Timestamp.fromDate(now);
    const start = Timestamp.fromMillis(Date.parse(slot.start));
    const end = Timestamp.fromMillis(Date.parse(slot.end));
    const event: AppointmentEvent = {
      event: "rescheduled",
      at,
      by: actor.uid,
      role: actor.role,
      from: appointment.start,
      to: start,
    };
    tx.delete(slotLockRef(appointment.slotLockId));
    tx.update(slotLockRef(lockId), { state: "booked" });
    tx.update(appointmentRef(input.appointmentId), {
      start,
      end,
      slotLockId: lockId,
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
    });
    const interval = { start: start.toMillis(), end: end.toMillis() };
    doctorDays.remove(input.appointmentId);
    doctorDays.add(input.appointmentId, interval);
    doctorDays.write(tx);
    patient.remove(input.appointmentId);
    patient.add(input.appointmentId, interval);
    patient.write(tx, { updatedAt: at });
    enqueueAppointmentMessage(
      tx,
      `appt_${input.appointmentId}_rescheduled_${lockId.split("_").at(-1)}`,
      recipient,
      "appointment.rescheduled",
      {
        doctorName,
        start: start.toDate(),
        previousStart: appointment.start.toDate(),
        mode: appointment.mode,
      },
      { timezone: appointment.timezone, appointmentId: input.appointmentId },
      now,
    );
    scheduleReminders(
      tx,
      { appointmentId: input.appointmentId, patientUid: appointment.patientUid, startMs: interval.start },
      now,
    );
    appendAudit(
      tx,
      {
        action: "appointment.rescheduled",
        actor,
        org: appointment.org,
        target: { type: "appointment", id: input.appointmentId },
        origin,
      },
      now,
    );
    const result = appointmentView(input.appointmentId, {
      ...appointment,
      startMs: interval.start,
      endMs: interval.end,
    });
    rememberResult(tx, call, result, now);
    fresh = true;
    return result;
  });
  if (fresh) logger.info("appointment.rescheduled", { appointmentId: view.appointmentId, by: actor.uid });
  return view;
}
