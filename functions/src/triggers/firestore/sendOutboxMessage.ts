import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { MESSAGING_SECRETS } from "../../config/params";

/** A new outbox message is sent at once (handlers/notifications/send.ts, loaded on the first message). */
export const sendOutboxMessage = onDocumentCreated(
  // A prescription's message renders its PDF first (handlers/notifications/send.ts): the memory's CPU.
  { document: "outbox/{messageId}", secrets: MESSAGING_SECRETS, memory: "512MiB" },
  async (event) => {
    const outbox = await import("../../handlers/notifications/send");
    await outbox.sendOutboxMessage(event.params.messageId, new Date());
  },
);
