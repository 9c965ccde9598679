import type { Transaction } from "firebase-admin/firestore";
import { renderMessage, type MessageKind, type TemplateVars } from "../../domain/notifications/templates";
import type { Language } from "../../schemas/common";
import { db } from "../../repo/firestore";
import { enqueue, type NewMessage } from "../../repo/outbox";

/** Where and how a patient is reached: from their profile. */
export interface Recipient {
  uid: string;
  phone: string;
  language: Language;
  channel: "sms" | "whatsapp";
}

/** Inside a transaction (before its writes): the patient's contact, or null without a profile. */
export async function readRecipient(tx: Transaction, patientUid: string): Promise<Recipient | null> {
  const snap = await tx.get(db().collection("patients").doc(patientUid));
  if (!snap.exists) return null;
  return {
    uid: patientUid,
    phone: snap.get("phone"),
    language: snap.get("language") ?? "en",
    channel: snap.get("notifyBy") === "whatsapp" ? "whatsapp" : "sms",
  };
}

/**
 * Renders a message about an appointment in the recipient's language and the appointment's
 * timezone, and enqueues it in the transaction. No recipient (no profile yet): no message.
 */
export function enqueueAppointmentMessage<K extends MessageKind>(
  tx: Transaction,
  id: string,
  recipient: Recipient | null,
  kind: K,
  vars: TemplateVars[K],
  context: { timezone: string; appointmentId: string; required?: boolean },
  now: Date,
): boolean {
  if (!recipient) return false;
  const message: NewMessage = {
    kind,
    channel: recipient.channel,
    to: recipient.phone,
    recipientUid: recipient.uid,
    language: recipient.language,
    body: renderMessage(kind, recipient.language, vars, { timezone: context.timezone }),
    required: context.required ?? false,
    appointmentId: context.appointmentId,
  };
  enqueue(tx, id, message, now);
  return true;
}
