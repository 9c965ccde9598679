import { onRequest } from "firebase-functions/v2/https";
import { SESSION_DAYS, rxSigningKey, sessionCsrfSecret, twilioAuthToken, webhookBaseUrl, webOrigins } from "../../config/params";
import { handleApiRequest } from "../../handlers/http/api";

export const api = onRequest({ secrets: [sessionCsrfSecret, twilioAuthToken, rxSigningKey] }, (req, res) =>
  handleApiRequest(req, res, {
    session: {
      csrfSecret: sessionCsrfSecret.value(),
      allowedOrigins: webOrigins.value().split(",").map((origin) => origin.trim()),
      sessionDays: SESSION_DAYS,
    },
    twilio: () => ({ authToken: twilioAuthToken.value(), webhookBaseUrl: webhookBaseUrl.value() }),
    rx: { signingKey: () => rxSigningKey.value() },
  }),
);
