import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { MESSAGING_SECRETS } from "../../config/params";

/** A new outbox message is sent at once (handlers/notifications/send.ts, loaded on the first message). */
export const sendOutboxMessage = onDocumentCreated(
  { document: "outbox/{messageId}", secrets: MESSAGING_SECRETS },
  async (event) => {
    const outbox = await import("../../handlers/notifications/send");
    await outbox.sendOutboxMessage(event.params.messageId, new Date());
  },
);
