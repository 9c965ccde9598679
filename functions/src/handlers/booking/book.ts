import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { bookRequestSchema } from "../../schemas/scheduling";
import { slotLockId } from "../../domain/booking/keys";
import { newAppointmentRef, slotLockRef, type AppointmentDoc } from "../../repo/appointments";
import { appendAudit } from "../../repo/audit";
import { db } from "../../repo/firestore";
import { findReplay, rememberResult } from "../../repo/idempotency";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { checkSlotInTransaction, runSlotTransaction } from "./slotCheck";
import { appointmentView, type AppointmentView } from "./view";

/**
 * A patient books a slot. One transaction re-validates the slot against the doctor's
 * availability and bookings, creates the slot lock (the id derived from doctor and start, so a
 * second booking of the slot fails), the appointment, the audit entry and the idempotency
 * record. A retry with the same idempotency key returns the first answer.
 */
export async function book(request: CallableRequest<unknown>, now = new Date()): Promise<AppointmentView> {
  const actor = await requireActor(request);
  if (actor.role !== "patient") throw new HttpsError("permission-denied", "only patients book appointments");
  const input = parseRequest(bookRequestSchema, request.data);
  const startMs = Date.parse(input.start);
  const call = {
    uid: actor.uid,
    key: input.idempotencyKey,
    operation: "book",
    request: { doctorUid: input.doctorUid, start: new Date(startMs).toISOString(), mode: input.mode },
  };

  const lockId = slotLockId(input.doctorUid, startMs);
  const { view, fresh } = await runSlotTransaction(() => lockId, async (tx) => {
    const replay = await findReplay<AppointmentView>(tx, call);
    if (replay.kind === "replay") return { view: replay.result, fresh: false };
    if (replay.kind === "mismatch") throw new HttpsError("already-exists", "this idempotency key was already used for a different request");
    const doctor = await tx.get(db().collection("doctors").doc(input.doctorUid));
    if (!doctor.exists || doctor.get("status") !== "approved") throw new HttpsError("not-found", "no such doctor");
    const { slot, availability, doctorDays, patient } = await checkSlotInTransaction(tx, { doctorUid: input.doctorUid, patientUid: actor.uid, startMs, now });
    if (!slot.modes.includes(input.mode)) throw new HttpsError("invalid-argument", `mode: this doctor offers ${slot.modes.join(" or ")}`);

    const ref = newAppointmentRef();
    const at = Timestamp.fromDate(now);
    const org = doctor.get("org") as string;
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
    tx.create(slotLockRef(lockId), { doctorUid: input.doctorUid, appointmentId: ref.id, start: appointment.start, createdAt: at });
    tx.create(ref, appointment);
    const interval = { start: appointment.start.toMillis(), end: appointment.end.toMillis() };
    doctorDays.add(ref.id, interval);
    doctorDays.write(tx);
    patient.add(ref.id, interval);
    patient.write(tx, { updatedAt: at });
    appendAudit(tx, { action: "appointment.booked", actor, org, target: { type: "appointment", id: ref.id }, origin: requestOrigin(request) }, now);
    const view = appointmentView(ref.id, { ...appointment, startMs: appointment.start.toMillis(), endMs: appointment.end.toMillis() });
    rememberResult(tx, call, view, now);
    return { view, fresh: true };
  });
  if (fresh) logger.info("appointment.booked", { appointmentId: view.appointmentId, doctorUid: view.doctorUid, patientUid: actor.uid });
  return view;
}
