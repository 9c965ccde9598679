import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { slotLockId } from "../../domain/booking/keys";
import type { BookRequest } from "../../schemas/scheduling";
import { newAppointmentRef, type AppointmentDoc } from "../../repo/appointments";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { db } from "../../repo/firestore";
import { recordedAnswer, rememberResult } from "../../repo/idempotency";
import { scheduleReminders } from "../../repo/reminders";
import { slotLockRef } from "../../repo/slotLocks";
import { enqueueAppointmentMessage, readRecipient } from "../notifications/appointmentMessages";
import { checkSlotInTransaction, withSlotHold } from "./slotCheck";
import { appointmentView, type AppointmentView } from "./view";

/**
 * A patient books a slot: the slot's lock (id derived from doctor and start) is held, then one
 * transaction re-validates the slot against the doctor's availability and booked time and
 * writes the booking, the booked time, the audit entry and the idempotency record. A retry with
 * the same idempotency key returns the first answer.
 */
export async function book({ actor, input, now, origin }: Call<BookRequest>): Promise<AppointmentView> {
  const startMs = Date.parse(input.start);
  const call = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "book",
    request: { doctorUid: input.doctorUid, start: new Date(startMs).toISOString(), mode: input.mode },
  };
  const recorded = await recordedAnswer<AppointmentView>(call);
  if (recorded) return recorded;

  const doctor = await db().collection("doctors").doc(input.doctorUid).get();
  if (!doctor.exists || doctor.get("status") !== "approved")
    throw new HttpsError("not-found", "no such doctor");
  const org = doctor.get("org") as string;
  const clinic = await db().collection("organisations").doc(org).get();
  const ref = newAppointmentRef();
  const lockId = slotLockId(input.doctorUid, startMs);
  const hold = {
    lockId,
    doctorUid: input.doctorUid,
    patientUid: actor.uid,
    appointmentId: ref.id,
    startMs,
    call,
  };

  let fresh = false;
  const view = await withSlotHold<AppointmentView>(hold, now, async (tx, claim) => {
    const again = await recordedAnswer<AppointmentView>(call, tx);
    if (again) return again;
    const { slot, availability, doctorDays, patient } = await checkSlotInTransaction(tx, {
      lockId,
      claim,
      doctorUid: input.doctorUid,
      patientUid: actor.uid,
      startMs,
      now,
    });
    if (!slot.modes.includes(input.mode))
      throw new HttpsError("invalid-argument", `mode: this doctor offers ${slot.modes.join(" or ")}`);
    const recipient = await readRecipient(tx, actor.uid);

    const at = Timestamp.fromDate(now);
    const appointment: AppointmentDoc = {
      patientUid: actor.uid,
      doctorUid: input.doctorUid,
      org,
      start: Timestamp.fromMillis(Date.parse(slot.start)),
      end: Timestamp.fromMillis(Date.parse(slot.end)),
      timezone: availability.timezone,
      mode: input.mode,
      status: "booked",
      slotLockId: lockId,
      createdAt: at,
      updatedAt: at,
      history: [{ event: "booked", at, by: actor.uid, role: actor.role }],
    };
    tx.update(slotLockRef(lockId), { state: "booked" });
    tx.create(ref, appointment);
    const interval = { start: appointment.start.toMillis(), end: appointment.end.toMillis() };
    doctorDays.add(ref.id, interval);
    doctorDays.write(tx);
    patient.add(ref.id, interval);
    patient.write(tx, { updatedAt: at });
    enqueueAppointmentMessage(
      tx,
      `appt_${ref.id}_booked`,
      recipient,
      "appointment.booked",
      {
        doctorName: doctor.get("name"),
        start: appointment.start.toDate(),
        mode: input.mode,
        clinicName: clinic.get("name") ?? "",
      },
      { timezone: availability.timezone, appointmentId: ref.id },
      now,
    );
    scheduleReminders(tx, { appointmentId: ref.id, patientUid: actor.uid, startMs: interval.start }, now);
    appendAudit(
      tx,
      {
        action: "appointment.booked",
        actor,
        org,
        target: { type: "appointment", id: ref.id },
        origin,
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        "appointment.booked",
        {
          org,
          ids: { appointmentId: ref.id, patientUid: actor.uid, doctorUid: input.doctorUid },
          key: ref.id,
        },
        now,
      ),
    );
    const result = appointmentView(ref.id, { ...appointment, startMs: interval.start, endMs: interval.end });
    rememberResult(tx, call, result, now);
    fresh = true;
    return result;
  });
  if (fresh)
    logger.info("appointment.booked", {
      appointmentId: view.appointmentId,
      doctorUid: view.doctorUid,
      patientUid: actor.uid,
    });
  return view;
}
