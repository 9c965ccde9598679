import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { MESSAGING_SECRETS } from "../../config/notifications";
import * as outbox from "../../handlers/notifications/send";

/** A new outbox message is sent at once. */
export const sendOutboxMessage = onDocumentCreated(
  { document: "outbox/{messageId}", secrets: MESSAGING_SECRETS },
  (event) => outbox.sendOutboxMessage(event.params.messageId, new Date()).then(() => undefined),
);
