import { defineSecret, defineString } from "firebase-functions/params";

/** Every function runs near its users. */
export const REGION = "asia-south1";

/** Key for the CSRF tokens of web sessions (handlers/http/session.ts). */
export const sessionCsrfSecret = defineSecret("SESSION_CSRF_SECRET");

/** Comma-separated origins of the web app, e.g. https://arogya.example. */
export const webOrigins = defineString("WEB_ORIGINS", {
  default: "http://127.0.0.1:5000,http://localhost:5000",
  description: "Origins allowed to create and delete web sessions",
});

/** How long a web session cookie lives. */
export const SESSION_DAYS = 5;

/** Twilio credentials and senders. In the emulator the API base points at tools/twilio-emulator.mjs. */
export const twilioAccountSid = defineSecret("TWILIO_ACCOUNT_SID");
export const twilioAuthToken = defineSecret("TWILIO_AUTH_TOKEN");
/**
 * The secrets every function that sends messages binds. Here rather than in ./notifications,
 * whose reminder plan comes from the domain (luxon): the triggers name them when the entry
 * point loads.
 */
export const MESSAGING_SECRETS = [twilioAccountSid, twilioAuthToken];
export const twilioSmsFrom = defineString("TWILIO_SMS_FROM", { description: "SMS sender number, E.164" });
export const twilioWhatsappFrom = defineString("TWILIO_WHATSAPP_FROM", {
  description: "WhatsApp sender number, E.164",
});
export const twilioApiBase = defineString("TWILIO_API_BASE", {
  default: "",
  description: "Empty in production; the local Twilio API recorder in the emulator",
});
/** The public origin Twilio calls back (status and inbound webhooks), as Twilio signs it. */
export const webhookBaseUrl = defineString("WEBHOOK_BASE_URL", {
  description: "e.g. https://app.example.org",
});

/** Ed25519 private key (PKCS#8 DER, base64) that signs e-prescriptions; the public half is derived. */
export const rxSigningKey = defineSecret("RX_SIGNING_KEY");
/** Where the public API is reached; the QR on a prescription points at `${base}/rx/verify`. */
export const publicApiBaseUrl = defineString("PUBLIC_API_BASE_URL", {
  description: "e.g. https://app.example.org/api",
});

/** Video: Jitsi (self-hosted, token auth) and Twilio Video. Room names are HMACs under a salt. */
export const jitsiAppId = defineString("JITSI_APP_ID", {
  description: "The app id of the Jitsi deployment's token auth",
});
export const jitsiDomain = defineString("JITSI_DOMAIN", { description: "e.g. meet.example.org" });
export const jitsiAppSecret = defineSecret("JITSI_APP_SECRET");
export const twilioApiKeySid = defineString("TWILIO_API_KEY_SID", {
  description: "An SK… API key for Twilio Video tokens",
});
export const twilioApiKeySecret = defineSecret("TWILIO_API_KEY_SECRET");
export const videoRoomSalt = defineSecret("VIDEO_ROOM_SALT");

/**
 * Analytics: domain events are exported to BigQuery (handlers/analytics/exportEvents.ts). In the
 * emulator the API endpoint is the local BigQuery recorder (tools/bigquery-recorder.mjs).
 */
export const bigqueryProject = defineString("BIGQUERY_PROJECT", {
  default: "",
  description: "Project of the analytics dataset; empty: the functions' own project",
});
export const bigqueryDataset = defineString("BIGQUERY_DATASET", {
  default: "arogya_analytics",
  description: "BigQuery dataset of the events table",
});
export const bigqueryTable = defineString("BIGQUERY_TABLE", {
  default: "events",
  description: "BigQuery table of the domain events",
});
export const bigqueryApiEndpoint = defineString("BIGQUERY_API_ENDPOINT", {
  default: "",
  description: "Empty in production (Google); the local BigQuery recorder in the emulator",
});
