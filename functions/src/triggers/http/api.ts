import { onRequest } from "firebase-functions/v2/https";
import { SESSION_DAYS, sessionCsrfSecret, webOrigins } from "../../config/params";
import { handleApiRequest } from "../../handlers/http/session";

export const api = onRequest({ secrets: [sessionCsrfSecret] }, (req, res) =>
  handleApiRequest(req, res, {
    csrfSecret: sessionCsrfSecret.value(),
    allowedOrigins: webOrigins.value().split(",").map((origin) => origin.trim()),
    sessionDays: SESSION_DAYS,
  }),
);
