import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { BOOKING_POLICY } from "../../config/booking";
import { withBooked } from "../../domain/booking/bookedTime";
import { cancellerRole, checkCanCancel } from "../../domain/booking/policy";
import { onBehalf } from "../../domain/identity/actor";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { factsOf, getAppointment, updateAppointment, type AppointmentEvent } from "../../repo/appointments";
import { getPatientBookings } from "../../repo/bookingState";
import { getAvailability, updateBookedTime } from "../../repo/availability";
import { getDoctor } from "../../repo/doctors";
import { deleteReminders } from "../../repo/reminders";
import { deleteSlotLock } from "../../repo/slotLocks";
import { runTransaction } from "../../repo/transaction";
import type { CancelRequest } from "../../schemas/scheduling";
import { actingFor } from "../../services/care/actingFor";
import { appointmentAction } from "../../services/booking/appointmentActions";
import { appointmentView, type AppointmentView } from "../../services/booking/appointmentView";
import { enqueueAboutAppointment, readRecipient } from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The patient (before the cut-off), the doctor or an admin of the clinic (with a reason)
 * cancels; the slot lock is deleted in the same transaction, so the slot is offered again.
 * Cancelling an appointment that is already cancelled answers with it, so retries are safe.
 */
export async function cancel({
  actor: caller,
  input,
  now,
  origin,
}: Call<CancelRequest>): Promise<AppointmentView> {
  // A doctor or admin cancels as the clinic; a patient, or their helper with onBehalfOf, as the patient.
  const actor =
    input.onBehalfOf === undefined && caller.role !== "healthWorker"
      ? caller
      : await actingFor(caller, input.onBehalfOf);
  const { appointmentId } = input;
  const { view, fresh } = await runTransaction(async (tx) => {
    const appointment = await getAppointment(appointmentId, tx);
    if (!appointment) throw appError("not-found", "appointment-not-found", "no such appointment");
    const facts = factsOf(appointment);
    // A retry of a cancel that went through: same answer, nothing written.
    if (appointment.status === "cancelled" && cancellerRole(actor, facts)) {
      return { view: appointmentView(appointmentId, { ...appointment, ...facts }), fresh: false };
    }
    const refusal = checkCanCancel(actor, facts, input.reason, now, BOOKING_POLICY);
    if (refusal) throw refusalError(refusal);
    const [availability, patient, recipient, doctor] = await Promise.all([
      getAvailability(appointment.doctorUid, tx),
      getPatientBookings(appointment.patientUid, tx),
      readRecipient(tx, appointment.patientUid),
      getDoctor(appointment.doctorUid, tx),
    ]);
    const byClinic = cancellerRole(actor, facts) === "clinic";
    // The doctor is told when the patient cancels (the clinic's own cancellations they know of).
    const notice = byClinic ? null : await readClinicianNotice(tx, appointment);

    const at = Timestamp.fromDate(now);
    const event: AppointmentEvent = {
      event: "cancelled",
      at,
      by: actor.uid,
      role: actor.role,
      ...onBehalf(actor),
      ...(input.reason ? { reason: input.reason } : {}),
    };
    deleteSlotLock(tx, appointment.slotLockId);
    updateAppointment(tx, appointmentId, {
      status: "cancelled",
      updatedAt: at,
      history: FieldValue.arrayUnion(event),
      nextReminderAt: null,
    });
    // The slot is offered again. (Booked time not yet on the availability is read from the
    // appointments, where this one is cancelled now.)
    if (availability?.booked)
      updateBookedTime(
        tx,
        appointment.doctorUid,
        withBooked(availability.booked, { freeStartMs: facts.startMs }, now.getTime()),
      );
    patient.remove(appointmentId);
    patient.write(tx, { updatedAt: at });
    deleteReminders(tx, appointmentId);
    // The clinic cancelling is a message the patient must get, even after STOP.
    enqueueAboutAppointment(
      tx,
      { appointmentId, appointment },
      {
        id: `appt_${appointmentId}_cancelled`,
        recipient,
        kind: "appointment.cancelled",
        vars: { doctorName: doctor?.name ?? "", cancelledBy: byClinic ? "clinic" : "patient" },
        required: byClinic,
      },
      now,
    );
    if (notice)
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `appt_${appointmentId}_cancelled_dr`,
          kind: "clinician.cancelled",
          vars: { start: appointment.start.toDate() },
          appointmentId,
          startMs: appointment.start.toMillis(),
        },
        now,
      );
    const subject = { appointmentId, appointment, actor, origin };
    const counted = { type: "appointment.cancelled", byActor: true } as const;
    recordAction(tx, appointmentAction(subject, "appointment.cancelled", counted), now);
    return {
      view: appointmentView(appointmentId, { ...appointment, ...facts, status: "cancelled" }),
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
