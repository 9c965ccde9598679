import { onSchedule } from "firebase-functions/v2/scheduler";

/** Every 5 minutes: reminders that are due go to the outbox, which sends them (sendOutboxMessage). */
export const sendDueReminders = onSchedule({ schedule: "every 5 minutes" }, async () => {
  const { queueDueReminders } = await import("../../handlers/notifications/reminders");
  await queueDueReminders(new Date());
});
