import { logger } from "firebase-functions";
import { getAppointment, updateAppointment } from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import { getOrganisationName } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import {
  enqueueAboutAppointment,
  readRecipientAndPrefs,
} from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";

/**
 * The booking confirmation, from the appointment's creation (triggers/firestore/confirmBooking.ts),
 * off the patient's wait: `book` leaves `confirmation: "pending"` on the appointment; this, in one
 * transaction, renders the message with the doctor's and the clinic's names in the patient's
 * language, enqueues it as `appt_{id}_booked` and marks the confirmation `queued` (or `none`
 * without a recipient, or when the appointment was cancelled first). Only a pending
 * confirmation is acted on, so a retried or repeated trigger enqueues it once; the outbox
 * trigger then sends it.
 */
export async function confirmBooking(
  appointmentId: string,
  now: Date,
): Promise<"queued" | "none" | "skipped"> {
  const outcome = await runTransaction(async (tx) => {
    const appointment = await getAppointment(appointmentId, tx);
    if (appointment?.confirmation !== "pending") return "skipped" as const;
    const booked = appointment.status === "booked";
    const [{ recipient, prefs }, doctor, clinicName] = booked
      ? await Promise.all([
          readRecipientAndPrefs(tx, appointment.patientUid),
          getDoctor(appointment.doctorUid, tx),
          getOrganisationName(appointment.org, tx),
        ])
      : [{ recipient: null, prefs: null }, null, null];
    const notice = booked ? await readClinicianNotice(tx, appointment) : null;
    const queued = enqueueAboutAppointment(
      tx,
      { appointmentId, appointment },
      {
        id: `appt_${appointmentId}_booked`,
        recipient,
        kind: "appointment.booked",
        vars: { doctorName: doctor?.name ?? "", mode: appointment.mode, clinicName: clinicName ?? "" },
      },
      now,
    );
    // The doctor's notice of the new booking (their number, language and quiet hours).
    if (notice)
      enqueueClinicianMessage(
        tx,
        notice,
        {
          id: `appt_${appointmentId}_booked_dr`,
          kind: "clinician.booked",
          vars: { start: appointment.start.toDate(), mode: appointment.mode },
          appointmentId,
          startMs: appointment.start.toMillis(),
        },
        now,
      );
    const confirmation = queued ? ("queued" as const) : ("none" as const);
    // What its reminders will say, read here anyway (handlers/notifications/reminders.ts).
    const reminderContext = booked ? { doctorName: doctor?.name ?? "", ...prefs } : undefined;
    updateAppointment(tx, appointmentId, { confirmation, ...(reminderContext && { reminderContext }) });
    return confirmation;
  });
  if (outcome !== "skipped") logger.info("appointment.confirmation", { appointmentId, outcome });
  return outcome;
}
