import type { Transition } from "../../domain/consultations/session";
import type { EventIds } from "../../domain/events/events";
import type { AppointmentDoc } from "../../repo/appointments";
import type { PatientBookings } from "../../repo/bookingState";
import { setSession, type StoredSession } from "../../repo/consultations";
import type { Transaction } from "../../repo/transaction";
import { closeAppointment } from "./closeAppointment";
import { recordConsultationAction } from "./recordConsultationAction";

/**
 * The writes of a consultation that ended (by the doctor, endConsultation, or by the system,
 * closeConsultations), after the transaction's reads: the session, its audit entry and event,
 * and, for an appointment still booked (`patient` read), the appointment `completed` with its own.
 */
export function writeEnded(
  tx: Transaction,
  ended: {
    appointmentId: string;
    appointment: AppointmentDoc;
    stored: StoredSession | null;
    next: Extract<Transition, { ok: true }>;
    patient: PatientBookings | null;
    by: Parameters<typeof recordConsultationAction>[1]["by"];
    ids: EventIds;
  },
  now: Date,
): void {
  const { appointmentId, stored, next, patient, by, ids } = ended;
  setSession(tx, stored, next, now);
  const event = { type: "consultation.ended", ids } as const;
  recordConsultationAction(
    tx,
    { action: "consultation.ended", on: "consultation", appointmentId, by, event },
    now,
  );
  if (!patient) return;
  const outcome = { status: "completed", by: { uid: by.actor.uid, role: by.actor.role } } as const;
  closeAppointment(tx, { appointmentId, patient, outcome }, now);
  const completed = { type: "appointment.completed", ids } as const;
  recordConsultationAction(
    tx,
    { action: "appointment.completed", on: "appointment", appointmentId, by, event: completed },
    now,
  );
}
