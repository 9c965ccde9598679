import { onSchedule } from "firebase-functions/v2/scheduler";

/**
 * Every 15 minutes: the doctors whose daily agenda time has come get that day's agenda
 * (handlers/notifications/agendas.ts); the outbox trigger sends it.
 */
export const sendDailyAgendas = onSchedule({ schedule: "every 15 minutes" }, async () => {
  const { sendDueAgendas } = await import("../../handlers/notifications/agendas");
  await sendDueAgendas(new Date());
});
