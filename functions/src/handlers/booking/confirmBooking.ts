import { FieldValue } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { onceAuditId, recordAction } from "../../repo/actions";
import { getAppointment, updateAppointment, type AppointmentDoc } from "../../repo/appointments";
import { MalformedDocumentError } from "../../repo/converter";
import { getDoctor } from "../../repo/doctors";
import { getOrganisationName } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import { appointmentAction } from "../../services/booking/appointmentActions";
import { cardFor } from "../../services/booking/patientCard";
import {
  enqueueAboutAppointment,
  readRecipientAndPrefs,
} from "../../services/notifications/appointmentMessages";
import { enqueueClinicianMessage, readClinicianNotice } from "../../services/notifications/clinicianMessages";

/**
 * What follows from a booking, from the appointment's creation (triggers/firestore/confirmBooking.ts),
 * off the patient's wait: `book` leaves `confirmation: "pending"` on the appointment; this, in one
 * transaction:
 * - records the booking: its audit entry and its domain event `appointment.booked`, under ids
 *   derived from the appointment's (`appointment.booked:{id}` both), at the booking's time, by who
 *   booked it for whom (the history's `booked` entry) from where (`bookedFrom`, then removed);
 * - puts the patient card on it (services/booking/patientCard.ts);
 * - renders the confirmation with the doctor's and the clinic's names in the patient's language,
 *   enqueues it as `appt_{id}_booked` and marks the confirmation `queued` (or `none` without a
 *   recipient, or when the appointment was cancelled first: then the booking is still recorded).
 * Only a pending confirmation is acted on, all of it in the transaction that ends it, so a retried
 * or repeated trigger records and enqueues once; the outbox trigger then sends the message.
 */
export async function confirmBooking(
  appointmentId: string,
  now: Date,
): Promise<"queued" | "none" | "skipped" | "unreadable"> {
  try {
    return await confirmReadable(appointmentId, now);
  } catch (error) {
    // An appointment that does not parse (written by hand, say) can never be confirmed: retrying
    // would keep the trigger failing (it retries) and its reads holding the document. Logged by id
    // and left for an operator; the reminder run parks it the same way.
    if (!(error instanceof MalformedDocumentError)) throw error;
    logger.error("appointment.confirmationUnreadable", { appointmentId, code: "malformed-document" });
    return "unreadable";
  }
}

async function confirmReadable(appointmentId: string, now: Date): Promise<"queued" | "none" | "skipped"> {
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
    const card = await cardFor(tx, appointment);
    const bookedAt = appointment.createdAt.toDate();
    recordAction(
      tx,
      appointmentAction(
        { appointmentId, appointment, actor: bookedBy(appointment), origin: appointment.bookedFrom ?? {} },
        "appointment.booked",
        { type: "appointment.booked" },
      ),
      bookedAt,
      onceAuditId("appointment.booked", appointmentId),
    );
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
    updateAppointment(tx, appointmentId, {
      confirmation,
      ...(reminderContext && { reminderContext }),
      ...(card && { patient: card }),
      ...(appointment.bookedFrom && { bookedFrom: FieldValue.delete() }),
    });
    return confirmation;
  });
  if (outcome !== "skipped") logger.info("appointment.confirmation", { appointmentId, outcome });
  return outcome;
}

/** Who booked, for whom: the history's `booked` entry (the patient, on an appointment without one). */
function bookedBy(appointment: AppointmentDoc): { uid: string; role: string; onBehalfOf?: string } {
  const entry = appointment.history.find((e) => e.event === "booked");
  if (!entry) return { uid: appointment.patientUid, role: "patient" };
  return { uid: entry.by, role: entry.role, ...(entry.onBehalfOf && { onBehalfOf: entry.onBehalfOf }) };
}
