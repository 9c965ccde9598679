import { onSchedule } from "firebase-functions/v2/scheduler";
import { MESSAGING_SECRETS } from "../../config/notifications";
import * as outbox from "../../handlers/notifications/send";

/** Every minute: outbox retries that are due, and messages whose worker died (their lease ended). */
export const retryOutboxMessages = onSchedule(
  { schedule: "every 1 minutes", secrets: MESSAGING_SECRETS },
  async () => {
    await outbox.retryOutboxMessages(new Date());
  },
);
