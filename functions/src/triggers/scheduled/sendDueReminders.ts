import { onSchedule } from "firebase-functions/v2/scheduler";
import { queueDueReminders } from "../../handlers/notifications/reminders";

/** Every 5 minutes: reminders that are due go to the outbox, which sends them (sendOutboxMessage). */
export const sendDueReminders = onSchedule({ schedule: "every 5 minutes" }, async () => {
  await queueDueReminders(new Date());
});
