import { DEFAULT_QUIET_HOURS, type QuietHours, type ReminderPlan } from "../domain/notifications/outbox";

/** Reminders 24 hours and 1 hour before; within 3 hours of the start a reminder is urgent. */
export const REMINDER_PLAN: ReminderPlan = { offsetsMinutes: [24 * 60, 60], urgentWithinMinutes: 180 };
export const QUIET_HOURS: QuietHours = DEFAULT_QUIET_HOURS;
/** How many due reminders or outbox messages one scheduler run takes. */
export const SCHEDULER_BATCH = 500;
