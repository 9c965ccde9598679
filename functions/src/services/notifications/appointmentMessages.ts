import type { Timestamp, Transaction } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { renderMessage, type MessageKind, type TemplateVars } from "../../domain/notifications/templates";
import { languageSchema, type Language } from "../../schemas/common";
import { getContact } from "../../repo/contacts";
import { createOutboxMessage } from "../../repo/outbox";
import { getPatient } from "../../repo/patients";

/** Where and how someone is reached: a number they proved they hold, in their language. */
export interface Recipient {
  uid: string;
  phone: string;
  language: Language;
  channel: "sms" | "whatsapp";
}

/** The choices on a patient's profile that a message follows (copied onto appointments for reminders). */
export interface RecipientPrefs {
  language?: string;
  notifyBy?: "sms" | "whatsapp";
}

/** The profile's message choices, and nothing else of it. */
export const recipientPrefsOf = (patient: RecipientPrefs | null): RecipientPrefs => ({
  ...(patient?.language !== undefined && { language: patient.language }),
  ...(patient?.notifyBy !== undefined && { notifyBy: patient.notifyBy }),
});

/**
 * Inside a transaction (before its writes): the patient's contact, or null when they have not
 * proven a number (contacts/{uid}, written only by the functions once a code came back or from
 * the Auth account's number). The number typed into a profile is never messaged: anyone can type
 * anyone's number there. Language and channel are the patient's choices on their profile; with
 * `prefs` (the profile's choices as an appointment carries them) the profile is not read.
 */
export async function readRecipient(
  tx: Transaction,
  patientUid: string,
  prefs?: RecipientPrefs,
): Promise<Recipient | null> {
  return (await readRecipientAndPrefs(tx, patientUid, prefs)).recipient;
}

/** readRecipient, with the profile's choices it used (to copy them onto the appointment). */
export async function readRecipientAndPrefs(
  tx: Transaction,
  patientUid: string,
  known?: RecipientPrefs,
): Promise<{ recipient: Recipient | null; prefs: RecipientPrefs | null }> {
  const [contact, prefs] = await Promise.all([
    getContact(patientUid, tx),
    known ?? getPatient(patientUid, tx).then((patient) => (patient ? recipientPrefsOf(patient) : null)),
  ]);
  if (!contact?.phone) {
    logger.info("notification.unverifiedRecipient", { uid: patientUid });
    return { recipient: null, prefs };
  }
  const recipient: Recipient = {
    uid: patientUid,
    phone: contact.phone,
    language: languageSchema.catch("en").parse(prefs?.language ?? contact.language),
    channel: prefs?.notifyBy ?? contact.channel ?? "sms",
  };
  return { recipient, prefs };
}

/** A message about an appointment: its outbox id, to whom, which template with what, and where. */
export interface AppointmentMessage<K extends MessageKind> {
  /** The outbox id: one message per change (`appt_{id}_booked`, `reminder_{reminderId}`, …). */
  id: string;
  /** No recipient (no proven number): no message. */
  recipient: Recipient | null;
  kind: K;
  vars: TemplateVars[K];
  /** The appointment's timezone: dates in the message are in it. */
  timezone: string;
  /** Null for a message about several appointments (a schedule change's summary to the doctor). */
  appointmentId: string | null;
  /** Sent even to a number that opted out (the clinic cancelled: the patient must know). */
  required?: boolean;
}

/**
 * Renders a message about an appointment in the recipient's language and the appointment's
 * timezone, and enqueues it in the transaction; false when there is nobody to send it to.
 */
export function enqueueAppointmentMessage<K extends MessageKind>(
  tx: Transaction,
  message: AppointmentMessage<K>,
  now: Date,
): boolean {
  const { recipient } = message;
  if (!recipient) return false;
  createOutboxMessage(
    tx,
    message.id,
    {
      kind: message.kind,
      channel: recipient.channel,
      to: recipient.phone,
      recipientUid: recipient.uid,
      language: recipient.language,
      body: renderMessage(message.kind, recipient.language, message.vars, { timezone: message.timezone }),
      required: message.required ?? false,
      appointmentId: message.appointmentId,
    },
    now,
  );
  return true;
}

/** The kinds of message about an appointment at its stored start. */
type AtStartKind = "appointment.booked" | "appointment.cancelled" | "appointment.reminder";

/**
 * A message about an appointment as stored (its confirmation, its cancellation, a reminder): its
 * id, timezone and start are the appointment's, so callers name only the rest.
 */
export function enqueueAboutAppointment<K extends AtStartKind>(
  tx: Transaction,
  about: { appointmentId: string; appointment: { timezone: string; start: Timestamp } },
  message: Pick<AppointmentMessage<K>, "id" | "recipient" | "kind" | "required"> & {
    vars: Omit<TemplateVars[K], "start">;
  },
  now: Date,
): boolean {
  const { appointmentId, appointment } = about;
  const vars = { ...message.vars, start: appointment.start.toDate() } as TemplateVars[K];
  return enqueueAppointmentMessage(
    tx,
    { ...message, vars, timezone: appointment.timezone, appointmentId },
    now,
  );
}
