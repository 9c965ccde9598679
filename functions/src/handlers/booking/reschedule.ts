import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { checkCanReschedule } from "../../domain/booking/policy";
import { rescheduleRequestSchema } from "../../schemas/scheduling";
import { slotLockId } from "../../domain/booking/keys";
import { appointmentRef, factsOf, getAppointment, slotLockRef, type AppointmentEvent } from "../../repo/appointments";
import { appendAudit } from "../../repo/audit";
import { findReplay, rememberResult } from "../../repo/idempotency";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { checkSlotInTransaction, runSlotTransaction } from "./slotCheck";
import { appointmentView, type AppointmentView } from "./view";

/**
 * The patient moves their appointment to another slot of the same doctor. In one transaction
 * the new slot's lock is created and the old one deleted, so the old slot is free exactly
 * when the new one is taken.
 */
export async function reschedule(request: CallableRequest<unknown>, now = new Date()): Promise<AppointmentView> {
  const actor = await requireActor(request);
  const input = parseRequest(rescheduleRequestSchema, request.data);
  const startMs = Date.parse(input.start);
  const call = { uid: actor.uid, key: input.idempotencyKey, operation: "reschedule", request: { appointmentId: input.appointmentId, start: new Date(startMs).toISOString() } };

  let lockId = "";
  const { view, fresh } = await runSlotTransaction(() => lockId, async (tx) => {
    const replay = await findReplay<AppointmentView>(tx, call);
    if (replay.kind === "replay") return { view: replay.result, fresh: false };
    if (replay.kind === "mismatch") throw new HttpsError("already-exists", "this idempotency key was already used for a different request");
    const appointment = await getAppointment(tx, input.appointmentId);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    const refusal = checkCanReschedule(actor, factsOf(appointment), now, BOOKING_POLICY);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    if (appointment.start.toMillis() === startMs) throw new HttpsError("failed-precondition", "the appointment is already at that time");
    lockId = slotLockId(appointment.doctorUid, startMs);
    const { slot, doctorDays, patient } = await checkSlotInTransaction(tx, {
      doctorUid: appointment.doctorUid,
      patientUid: actor.uid,
      startMs,
      now,
      moving: { appointmentId: input.appointmentId, startMs: appointment.start.toMillis() },
    });
    if (!slot.modes.includes(appointment.mode)) throw new HttpsError("failed-precondition", `the doctor no longer offers ${appointment.mode} consultations at that time`);

    const at = Timestamp.fromDate(now);
    const start = Timestamp.fromMillis(Date.parse(slot.start));
    const end = Timestamp.fromMillis(Date.parse(slot.end));
    const event: AppointmentEvent = { event: "rescheduled", at, by: actor.uid, role: actor.role, from: appointment.start, to: start };
    tx.delete(slotLockRef(appointment.slotLockId));
    tx.create(slotLockRef(lockId), { doctorUid: appointment.doctorUid, appointmentId: input.appointmentId, start, createdAt: at });
    tx.update(appointmentRef(input.appointmentId), { start, end, slotLockId: lockId, updatedAt: at, history: FieldValue.arrayUnion(event) });
    const interval = { start: start.toMillis(), end: end.toMillis() };
    doctorDays.remove(input.appointmentId);
    doctorDays.add(input.appointmentId, interval);
    doctorDays.write(tx);
    patient.remove(input.appointmentId);
    patient.add(input.appointmentId, interval);
    patient.write(tx, { updatedAt: at });
    appendAudit(tx, { action: "appointment.rescheduled", actor, org: appointment.org, target: { type: "appointment", id: input.appointmentId }, origin: requestOrigin(request) }, now);
    const view = appointmentView(input.appointmentId, { ...appointment, startMs: start.toMillis(), endMs: end.toMillis() });
    rememberResult(tx, call, view, now);
    return { view, fresh: true };
  });
  if (fresh) logger.info("appointment.rescheduled", { appointmentId: view.appointmentId, by: actor.uid });
  return view;
}
