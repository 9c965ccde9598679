import { defineSecret, defineString } from "firebase-functions/params";

/** An E.164 phone number; an origin (scheme and host, no path). For the deploy prompts' validation. */
const E164 = "^\\+[1-9][0-9]{7,14}$";
const ORIGIN = "^https?://[^/\\s]+$";

/** What firebase deploy prompts with for a missing value, and the pattern it checks the answer against. */
const prompted = (example: string, validationRegex: string, validationErrorMessage: string) => ({
  input: { text: { example, validationRegex, validationErrorMessage } },
});

/**
 * Every parameter and secret is listed, with its description, in functions/.env.example and in
 * docs/operators.md; config/params.test.ts fails when one is not.
 */

/** Every function runs near its users. */
export const REGION = "asia-south1";

/** Key for the CSRF tokens of web sessions (handlers/http/session.ts). */
export const sessionCsrfSecret = defineSecret("SESSION_CSRF_SECRET", {
  description: "Random key for web sessions' CSRF tokens (npm run secrets makes one)",
});

/** Comma-separated origins of the web app, e.g. https://arogya.example. */
export const webOrigins = defineString("WEB_ORIGINS", {
  default: "http://127.0.0.1:5000,http://localhost:5000",
  description: "Origins allowed to create and delete web sessions, comma-separated",
  ...prompted(
    "https://arogya.example",
    "^https?://[^,\\s]+(,\\s*https?://[^,\\s]+)*$",
    "origins like https://arogya.example, separated by commas",
  ),
});

/** How long a web session cookie lives. */
export const SESSION_DAYS = 5;

/** Twilio credentials and senders. In the emulator the API base points at tools/twilio-emulator.mjs. */
export const twilioAccountSid = defineSecret("TWILIO_ACCOUNT_SID", {
  description: "Twilio account SID (AC…), from the Twilio console",
});
export const twilioAuthToken = defineSecret("TWILIO_AUTH_TOKEN", {
  description: "Twilio auth token: sends messages and checks webhook signatures",
});
/**
 * The secrets every function that sends messages binds. Here rather than in ./notifications,
 * whose reminder plan comes from the domain (luxon): the triggers name them when the entry
 * point loads.
 */
export const MESSAGING_SECRETS = [twilioAccountSid, twilioAuthToken];
export const twilioSmsFrom = defineString("TWILIO_SMS_FROM", {
  description: "SMS sender number, E.164",
  ...prompted("+911140000000", E164, "an E.164 number"),
});
export const twilioWhatsappFrom = defineString("TWILIO_WHATSAPP_FROM", {
  description: "WhatsApp sender number, E.164",
  ...prompted("+14155238886", E164, "an E.164 number"),
});
export const twilioApiBase = defineString("TWILIO_API_BASE", {
  default: "",
  description: "Empty in production; the local Twilio API recorder in the emulator",
});
/** The public origin Twilio calls back (status and inbound webhooks), as Twilio signs it. */
export const webhookBaseUrl = defineString("WEBHOOK_BASE_URL", {
  description: "The public origin Twilio calls back, as Twilio signs it, e.g. https://app.example.org",
  ...prompted("https://app.example.org", ORIGIN, "an origin"),
});

/** Ed25519 private key (PKCS#8 DER, base64) that signs e-prescriptions; the public half is derived. */
export const rxSigningKey = defineSecret("RX_SIGNING_KEY", {
  description:
    "Ed25519 private key, PKCS#8 DER in base64, signing e-prescriptions (npm run secrets makes one)",
});
/** Where the public API is reached; the QR on a prescription points at `${base}/rx/verify`. */
export const publicApiBaseUrl = defineString("PUBLIC_API_BASE_URL", {
  description: "Where the public API is reached; prescription QR codes point at <this>/rx/verify",
  ...prompted("https://app.example.org/api", "^https?://[^\\s]+/api$", "a URL ending in /api"),
});

/** Video: Jitsi (self-hosted, token auth) and Twilio Video. Room names are HMACs under a salt. */
export const jitsiAppId = defineString("JITSI_APP_ID", {
  description: "The app id of the Jitsi deployment's token auth",
  ...prompted("arogya", "^\\S+$", "no spaces"),
});
export const jitsiDomain = defineString("JITSI_DOMAIN", {
  description: "The Jitsi deployment's host name, e.g. meet.example.org",
  ...prompted("meet.example.org", "^[a-z0-9.-]+$", "a host name"),
});
export const jitsiAppSecret = defineSecret("JITSI_APP_SECRET", {
  description: "The Jitsi deployment's token-auth secret (from its configuration)",
});
export const twilioApiKeySid = defineString("TWILIO_API_KEY_SID", {
  description: "An SK… API key for Twilio Video tokens",
  ...prompted("SK0123…", "^SK[0-9a-fA-F]{32}$", "SK + 32 hex"),
});
export const twilioApiKeySecret = defineSecret("TWILIO_API_KEY_SECRET", {
  description: "The secret of TWILIO_API_KEY_SID",
});
export const videoRoomSalt = defineSecret("VIDEO_ROOM_SALT", {
  description: "Random salt making video room names unguessable (npm run secrets makes one)",
});

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
