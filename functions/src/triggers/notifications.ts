import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../config/appCheck";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { createTwilioTransport } from "../adapters/messaging/twilio";
import {
  twilioAccountSid,
  twilioApiBase,
  twilioAuthToken,
  twilioSmsFrom,
  twilioWhatsappFrom,
  webhookBaseUrl,
} from "../config/params";
import { runReminders } from "../handlers/notifications/reminders";
import { runScheduledWork } from "../handlers/notifications/runScheduledWork";
import { processMessage, sweepOutbox } from "../handlers/notifications/send";

const secrets = [twilioAccountSid, twilioAuthToken];
const transport = () =>
  createTwilioTransport({
    accountSid: twilioAccountSid.value(),
    authToken: twilioAuthToken.value(),
    smsFrom: twilioSmsFrom.value(),
    whatsappFrom: twilioWhatsappFrom.value(),
    apiBaseUrl: twilioApiBase.value() || undefined,
  });
const statusCallbackUrl = () => `${webhookBaseUrl.value()}/api/twilio/status`;

/** A new outbox message is sent at once. */
export const sendOutboxMessage = onDocumentCreated({ document: "outbox/{messageId}", secrets }, (event) =>
  processMessage(event.params.messageId, new Date(), transport(), statusCallbackUrl()).then(() => undefined),
);

/** Retries that are due and messages whose worker died. */
export const sweepOutboxEveryMinute = onSchedule({ schedule: "every 1 minutes", secrets }, async () => {
  await sweepOutbox(new Date(), transport(), statusCallbackUrl());
});

/** Reminders that are due. */
export const runRemindersEveryFiveMinutes = onSchedule({ schedule: "every 5 minutes" }, async () => {
  await runReminders(new Date());
});

export const runScheduledWorkFn = onCall({ ...appCheckFor("runScheduledWork"), secrets }, (request) =>
  runScheduledWork(request, {
    transport,
    statusCallbackUrl,
    emulator: process.env.FUNCTIONS_EMULATOR === "true",
  }),
);
