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
