import { onSchedule } from "firebase-functions/v2/scheduler";
import { MESSAGING_SECRETS } from "../../config/params";

/** Every minute: outbox retries that are due, and messages whose worker died (their lease ended). */
export const retryOutboxMessages = onSchedule(
  { schedule: "every 1 minutes", secrets: MESSAGING_SECRETS },
  async () => {
    const outbox = await import("../../handlers/notifications/send");
    await outbox.retryOutboxMessages(new Date());
  },
);
