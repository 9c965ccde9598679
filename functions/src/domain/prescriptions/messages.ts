/** The outbox message that texts the patient a prescription's link: `rx-{prescriptionId}`. */
export const prescriptionMessageId = (prescriptionId: string): string => `rx-${prescriptionId}`;

/** The prescription an outbox message is about, when it is a prescription's message. */
export function prescriptionOfMessage(messageId: string): string | null {
  return messageId.startsWith("rx-") && messageId.length > 3 ? messageId.slice(3) : null;
}
