import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { slotLockId } from "../../domain/booking/keys";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { createAppointment, newAppointmentRef, type AppointmentDoc } from "../../repo/appointments";
import { getApprovedDoctor } from "../../repo/doctors";
import { createRecordedAnswer, getRecordedAnswer } from "../../repo/idempotency";
import { getOrganisationName } from "../../repo/organisations";
import { setReminders } from "../../repo/reminders";
import { updateSlotLock } from "../../repo/slotLocks";
import type { BookRequest } from "../../schemas/scheduling";
import { appointmentAction } from "../../services/booking/appointmentActions";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { replayedView } from "../../services/booking/replay";
import { checkSlot, withSlotHold } from "../../services/booking/slotHold";
import { enqueueAppointmentMessage, readRecipient } from "../../services/notifications/appointmentMessages";

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
  const recorded = await getRecordedAnswer<AppointmentView>(call);
  if (recorded) return replayedView(recorded);

  const doctor = await getApprovedDoctor(input.doctorUid);
  if (!doctor) throw new HttpsError("not-found", "no such doctor");
  const { org } = doctor;
  const clinicName = (await getOrganisationName(org)) ?? "";
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
    const again = await getRecordedAnswer<AppointmentView>(call, tx);
    if (again) return again;
    const { slot, availability, doctorDays, patient } = await checkSlot(tx, { ...hold, claim, now });
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
    updateSlotLock(tx, lockId, { state: "booked" });
    createAppointment(tx, ref.id, appointment);
    const interval = { start: appointment.start.toMillis(), end: appointment.end.toMillis() };
    doctorDays.add(ref.id, interval);
    doctorDays.write(tx);
    patient.add(ref.id, interval);
    patient.write(tx, { updatedAt: at });
    enqueueAppointmentMessage(
      tx,
      {
        id: `appt_${ref.id}_booked`,
        recipient,
        kind: "appointment.booked",
        vars: { doctorName: doctor.name, start: appointment.start.toDate(), mode: input.mode, clinicName },
        timezone: availability.timezone,
        appointmentId: ref.id,
      },
      now,
    );
    setReminders(tx, { appointmentId: ref.id, patientUid: actor.uid, startMs: interval.start }, now);
    const subject = { appointmentId: ref.id, appointment, actor, origin };
    recordAction(tx, appointmentAction(subject, "appointment.booked", { type: "appointment.booked" }), now);
    const result = appointmentView(ref.id, { ...appointment, startMs: interval.start, endMs: interval.end });
    createRecordedAnswer(tx, call, result, now);
    fresh = true;
    return result;
  });
  if (!fresh) return replayedView(view);
  const { appointmentId, doctorUid } = view;
  logger.info("appointment.booked", { appointmentId, doctorUid, patientUid: actor.uid });
  return view;
}
