import {
  MESSAGING_SECRETS,
  twilioAccountSid,
  twilioApiBase,
  twilioAuthToken,
  twilioSmsFrom,
  twilioWhatsappFrom,
  webhookBaseUrl,
} from "./params";
import { DEFAULT_QUIET_HOURS, type QuietHours, type ReminderPlan } from "../domain/notifications/outbox";

/** Reminders 24 hours and 1 hour before; within 3 hours of the start a reminder is urgent. */
export const REMINDER_PLAN: ReminderPlan = { offsetsMinutes: [24 * 60, 60], urgentWithinMinutes: 180 };
export const QUIET_HOURS: QuietHours = DEFAULT_QUIET_HOURS;
/** How many due reminders or outbox messages one scheduler run takes. */
export const SCHEDULER_BATCH = 500;

/** The secrets every function that sends messages binds (declared in ./params, which triggers load). */
export { MESSAGING_SECRETS };

/** Twilio's account and senders, read when a message is sent (in a function bound to MESSAGING_SECRETS). */
export function twilioSettings() {
  return {
    accountSid: twilioAccountSid.value(),
    authToken: twilioAuthToken.value(),
    smsFrom: twilioSmsFrom.value(),
    whatsappFrom: twilioWhatsappFrom.value(),
    apiBaseUrl: twilioApiBase.value() || undefined,
  };
}

/** Where Twilio reports a message's delivery (handlers/http/twilioWebhooks.ts). */
export const statusCallbackUrl = () => `${webhookBaseUrl.value()}/api/twilio/status`;

/**
 * Messages to clinicians (services/notifications/clinicianMessages.ts): a message about a
 * consultation this close to its start is not held back by the doctor's quiet hours.
 */
export const CLINICIAN_URGENT_WITHIN_MINUTES = 120;
/** The patient's reminders (REMINDER_PLAN offsets) that also go to the doctor: the one an hour before. */
export const CLINICIAN_REMINDER_OFFSETS: readonly number[] = [60];
/** How many doctors' agendas one run sends (handlers/notifications/agendas.ts). */
export const AGENDA_BATCH = 200;
/** An agenda that failed this often is given up for that day (the next day's is planned). */
export const AGENDA_MAX_ATTEMPTS = 3;
/** An agenda this late (the scheduler was stopped) is passed over rather than sent about a day half gone. */
export const AGENDA_STALE_MINUTES = 6 * 60;
