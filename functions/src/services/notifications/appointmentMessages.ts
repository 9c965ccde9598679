import type { Transaction } from "firebase-admin/firestore";
import { renderMessage, type MessageKind, type TemplateVars } from "../../domain/notifications/templates";
import type { Language } from "../../schemas/common";
import { createOutboxMessage } from "../../repo/outbox";
import { getPatient } from "../../repo/patients";

/** Where and how a patient is reached: from their profile. */
export interface Recipient {
  uid: string;
  phone: string;
  language: Language;
  channel: "sms" | "whatsapp";
}

/**
 * Inside a transaction (before its writes): the patient's contact, or null without a profile
 * (or, which firestore.rules never lets a profile be, without a phone number).
 */
export async function readRecipient(tx: Transaction, patientUid: string): Promise<Recipient | null> {
  const patient = await getPatient(patientUid, tx);
  if (!patient?.phone) return null;
  return {
    uid: patientUid,
    phone: patient.phone,
    // firestore.rules admit only the product's languages (isLanguage).
    language: (patient.language ?? "en") as Language,
    channel: patient.notifyBy === "whatsapp" ? "whatsapp" : "sms",
  };
}

/** A message about an appointment: its outbox id, to whom, which template with what, and where. */
export interface AppointmentMessage<K extends MessageKind> {
  /** The outbox id: one message per change (`appt_{id}_booked`, `reminder_{reminderId}`, …). */
  id: string;
  /** No recipient (no profile yet): no message. */
  recipient: Recipient | null;
  kind: K;
  vars: TemplateVars[K];
  /** The appointment's timezone: dates in the message are in it. */
  timezone: string;
  appointmentId: string;
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
