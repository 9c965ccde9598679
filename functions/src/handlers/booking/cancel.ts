import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { BOOKING_POLICY } from "../../config/booking";
import { cancellerRole, checkCanCancel } from "../../domain/booking/policy";
import type { CancelRequest } from "../../schemas/scheduling";
import { appointmentRef, factsOf, getAppointment, type AppointmentEvent } from "../../repo/appointments";
import { slotLockRef } from "../../repo/slotLocks";
import { cancelReminders } from "../../repo/reminders";
import { readDoctorDays, readPatientBookings } from "../../repo/schedules";
import { enqueueAppointmentMessage, readRecipient } from "../notifications/appointmentMessages";
import { appendAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEventInTx } from "../../repo/events";
import { db } from "../../repo/firestore";
import { appointmentView, type AppointmentView } from "./view";

/**
 * The patient (before the cut-off), the doctor or an admin of the clinic (with a reason)
 * cancels; the slot lock is deleted in the same transaction, so the slot is offered again.
 * Cancelling an appointment that is already cancelled answers with it, so retries are safe.
 */
export async function cancel({ actor, input, now, origin }: Call<CancelRequest>): Promise<AppointmentView> {
  const { view, fresh } = await db().runTransaction(async (tx) => {
    const appointment = await getAppointment(input.appointmentId, tx);
    if (!appointment) throw new HttpsError("not-found", "no such appointment");
    const facts = factsOf(appointment);
    // A retry of a cancel that went through: same answer, nothing written.
    if (appointment.status === "cancelled" && cancellerRole(actor, facts)) {
      return { view: appointmentView(input.appointmentId, { ...appointment, ...facts }), fresh: false };
    }
    const refusal = checkCanCancel(actor, facts, input.reason, now, BOOKING_POLICY);
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    const [doctorDays, patient, recipient, doctor] = await Promise.all([
      readDoctorDays(tx, appointment.doctorUid, [facts.startMs]),
      readPatientBookings(tx, appointment.patientUid),
      readRecipient(tx, appointment.patientUid),
      tx.get(db().collection("doctors").doc(appointment.doctorUid)),
    ]);
    const byClinic = cancellerRole(actor, facts) === "clinic";

    const at = Timestamp.fromDate(now);
    const event: AppointmentEvent = {
      event: "cancelled",
      at,
      by: actor.uid,
      role: actor.role,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    tx.delete(slotLockRef(appointment.slotLockId));
    tx.update(appointmentRef(input.appointmentId), {
      status: "cancelled",
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
    });
    doctorDays.remove(input.appointmentId);
    doctorDays.write(tx);
    patient.remove(input.appointmentId);
    patient.write(tx, { updatedAt: at });
    cancelReminders(tx, input.appointmentId);
    // The clinic cancelling is a message the patient must get, even after STOP.
    enqueueAppointmentMessage(
      tx,
      `appt_${input.appointmentId}_cancelled`,
      recipient,
      "appointment.cancelled",
      {
        doctorName: doctor.get("name"),
        start: appointment.start.toDate(),
        cancelledBy: byClinic ? "clinic" : "patient",
      },
      { timezone: appointment.timezone, appointmentId: input.appointmentId, required: byClinic },
      now,
    );
    appendAudit(
      tx,
      {
        action: "appointment.cancelled",
        actor,
        org: appointment.org,
        target: { type: "appointment", id: input.appointmentId },
        origin,
      },
      now,
    );
    recordEventInTx(
      tx,
      buildEvent(
        "appointment.cancelled",
        {
          org: appointment.org,
          ids: {
            appointmentId: input.appointmentId,
            patientUid: appointment.patientUid,
            doctorUid: appointment.doctorUid,
            actorUid: actor.uid,
          },
          key: input.appointmentId,
        },
        now,
      ),
    );
    return {
      view: appointmentView(input.appointmentId, { ...appointment, ...facts, status: "cancelled" }),
      fresh: true,
    };
  });
  if (fresh)
    logger.info("appointment.cancelled", {
      appointmentId: view.appointmentId,
      by: actor.uid,
      role: actor.role,
    });
  return view;
}
