import type { Transaction } from "firebase-admin/firestore";
import type { MessageKind, TemplateVars } from "../../domain/notifications/templates";
import {
  enqueueAppointmentMessage as enqueue,
  type Recipient,
} from "../../services/notifications/appointmentMessages";

export { readRecipient, type Recipient } from "../../services/notifications/appointmentMessages";

/**
 * @deprecated The engine is services/notifications/appointmentMessages.ts, which takes one
 * object. This positional form stays only until handlers/prescriptions/issuePrescription.ts
 * calls that (issue 12); then this file goes.
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
  return enqueue(tx, { id, recipient, kind, vars, ...context }, now);
}
