import type { Transaction } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { CLINICIAN_URGENT_WITHIN_MINUTES } from "../../config/notifications";
import { A_PATIENT, clinicianSendTime, shortPatientName } from "../../domain/notifications/clinician";
import { renderMessage, type MessageKind, type TemplateVars } from "../../domain/notifications/templates";
import type { QuietHours } from "../../schemas/contacts";
import { getContact } from "../../repo/contacts";
import { getDoctor } from "../../repo/doctors";
import { createOutboxMessage, getOutboxMessage } from "../../repo/outbox";
import { getPatient } from "../../repo/patients";
import type { Recipient } from "./appointmentMessages";

/**
 * Messages to clinicians, through the same outbox as the patients' (state machine, recorder in
 * the emulator, opt-out): only to the number the doctor proved (`contacts/{uid}`), in the
 * language and channel they chose (setClinicianContact), and never during their quiet hours (a
 * message written then is `scheduled` for their end, domain/notifications/clinician.ts). The
 * patient is named by first name and initial at most; no message carries a diagnosis, a note, a
 * medicine or a reason. Two steps, as Firestore transactions need all reads before any write:
 * `readClinicianNotice` (reads) then `enqueueClinicianMessage` (writes).
 */

/** Doctors who never said otherwise are on India's clock. */
export const DEFAULT_CLINICIAN_TIMEZONE = "Asia/Kolkata";

/** A clinician reached on their proven number, with their quiet hours on their own clock. */
export interface ClinicianRecipient extends Recipient {
  quietHours: QuietHours | null;
  timezone: string;
}

/** What a message about an appointment needs to reach its doctor: who, and how to name the patient. */
export interface ClinicianNotice {
  clinician: ClinicianRecipient | null;
  /** First name and initial, or null when the profile has no name. */
  patientName: string | null;
}

/**
 * Inside a transaction (before its writes): the doctor's contact, or null without a proven
 * number (they receive nothing then). `fallbackTimezone` (the appointment's) is the clock of
 * their quiet hours when they never set a timezone.
 */
export async function readClinician(
  tx: Transaction,
  doctorUid: string,
  fallbackTimezone?: string,
): Promise<ClinicianRecipient | null> {
  const contact = await getContact(doctorUid, tx);
  if (!contact?.phone) {
    logger.info("notification.unverifiedRecipient", { uid: doctorUid });
    return null;
  }
  const timezone =
    contact.timezone ??
    (await getDoctor(doctorUid, tx))?.timezone ??
    fallbackTimezone ??
    DEFAULT_CLINICIAN_TIMEZONE;
  return {
    uid: doctorUid,
    phone: contact.phone,
    language: contact.language ?? "en",
    channel: contact.channel ?? "sms",
    quietHours: contact.quietHours ?? null,
    timezone,
  };
}

/**
 * Inside a transaction (before its writes): the doctor of an appointment, and the patient's short
 * name: from `card` (the patient card the appointment carries, kept current with the profile:
 * domain/patients/card.ts) when the caller passes it, else from the profile.
 */
export async function readClinicianNotice(
  tx: Transaction,
  appointment: { doctorUid: string; patientUid: string; timezone: string },
  card?: { name: string },
): Promise<ClinicianNotice> {
  const clinician = await readClinician(tx, appointment.doctorUid, appointment.timezone);
  if (!clinician) return { clinician: null, patientName: null };
  const name = card ? card.name : (await getPatient(appointment.patientUid, tx))?.name;
  return { clinician, patientName: shortPatientName(name) };
}

/** The kinds a clinician receives about one appointment (the agenda and a schedule change's summary are about several). */
type AppointmentKind =
  | "clinician.booked"
  | "clinician.cancelled"
  | "clinician.rescheduled"
  | "clinician.reminder"
  | ProposalOutcomeKind;

/** How the patient answered the clinic's proposal, or that nobody did (to the doctor). */
export type ProposalOutcomeKind =
  "schedule.proposalAccepted" | "schedule.proposalDeclined" | "schedule.proposalExpired";

/** A message to the doctor about an appointment; `patientName` is filled in from the notice. */
export interface ClinicianMessage<K extends AppointmentKind> {
  /** The outbox id, unique per change (e.g. the patient's message id + `_dr`). */
  id: string;
  kind: K;
  vars: Omit<TemplateVars[K], "patientName">;
  appointmentId: string;
  /** The consultation's start: a message about it is not held past its urgent window. */
  startMs: number;
}

/**
 * Renders a message about an appointment for its doctor (their language, their timezone) and
 * enqueues it in the transaction, `scheduled` after their quiet hours when written in them.
 * False when the doctor has no proven number.
 */
export function enqueueClinicianMessage<K extends AppointmentKind>(
  tx: Transaction,
  notice: ClinicianNotice,
  message: ClinicianMessage<K>,
  now: Date,
): boolean {
  const { clinician } = notice;
  if (!clinician) return false;
  const patientName = notice.patientName ?? A_PATIENT[clinician.language];
  const vars = { ...message.vars, patientName } as TemplateVars[K];
  const sendAt = clinicianSendTime(now.getTime(), clinician, {
    startMs: message.startMs,
    urgentWithinMinutes: CLINICIAN_URGENT_WITHIN_MINUTES,
  });
  enqueueTo(
    tx,
    clinician,
    { id: message.id, kind: message.kind, vars, appointmentId: message.appointmentId },
    sendAt,
    now,
  );
  return true;
}

/**
 * The day's agenda for a doctor, in the transaction, unless this day's was already written (its
 * id names the day): false then. Held past their quiet hours like any other message.
 */
export async function enqueueAgenda(
  tx: Transaction,
  clinician: ClinicianRecipient,
  agenda: { date: string; vars: TemplateVars["clinician.agenda"] },
  now: Date,
): Promise<boolean> {
  const id = agendaMessageId(clinician.uid, agenda.date);
  if (await getOutboxMessage(id, tx)) return false;
  const sendAt = clinicianSendTime(now.getTime(), clinician);
  enqueueTo(
    tx,
    clinician,
    { id, kind: "clinician.agenda", vars: agenda.vars, appointmentId: null },
    sendAt,
    now,
  );
  return true;
}

/**
 * What a schedule change (leave, suspension…) did to the doctor's appointments, counts only, in
 * the transaction that marks it done; held past their quiet hours like the agenda. The id names
 * the change, so a second run writes nothing. False when the doctor has no proven number.
 */
export function enqueueScheduleSummary(
  tx: Transaction,
  clinician: ClinicianRecipient | null,
  summary: { id: string; vars: TemplateVars["schedule.appointmentsChanged"] },
  now: Date,
): boolean {
  if (!clinician) return false;
  const sendAt = clinicianSendTime(now.getTime(), clinician);
  enqueueTo(
    tx,
    clinician,
    { id: summary.id, kind: "schedule.appointmentsChanged", vars: summary.vars, appointmentId: null },
    sendAt,
    now,
  );
  return true;
}

/** One agenda per doctor per local day: the id says which. */
export const agendaMessageId = (doctorUid: string, date: string) => `agenda_${doctorUid}_${date}`;

function enqueueTo<K extends MessageKind>(
  tx: Transaction,
  clinician: ClinicianRecipient,
  message: { id: string; kind: K; vars: TemplateVars[K]; appointmentId: string | null },
  sendAtMs: number,
  now: Date,
): void {
  createOutboxMessage(
    tx,
    message.id,
    {
      kind: message.kind,
      channel: clinician.channel,
      to: clinician.phone,
      recipientUid: clinician.uid,
      language: clinician.language,
      body: renderMessage(message.kind, clinician.language, message.vars, { timezone: clinician.timezone }),
      required: false,
      appointmentId: message.appointmentId,
      sendAt: new Date(sendAtMs),
    },
    now,
  );
}
