import { onRequest } from "firebase-functions/v2/https";
import {
  SESSION_DAYS,
  rxSigningKey,
  sessionCsrfSecret,
  twilioAccountSid,
  twilioAuthToken,
  twilioSmsFrom,
  twilioWhatsappFrom,
  webhookBaseUrl,
  webOrigins,
} from "../../config/params";
import { handleApiRequest } from "../../handlers/http/api";

export const api = onRequest(
  { secrets: [sessionCsrfSecret, twilioAuthToken, rxSigningKey, twilioAccountSid] },
  (req, res) =>
    handleApiRequest(req, res, {
      session: {
        csrfSecret: sessionCsrfSecret.value(),
        allowedOrigins: webOrigins
          .value()
          .split(",")
          .map((origin) => origin.trim()),
        sessionDays: SESSION_DAYS,
      },
      twilio: () => ({ authToken: twilioAuthToken.value(), webhookBaseUrl: webhookBaseUrl.value() }),
      rx: { signingKey: () => rxSigningKey.value() },
      health: {
        twilio: () => ({
          TWILIO_ACCOUNT_SID: twilioAccountSid.value(),
          TWILIO_AUTH_TOKEN: twilioAuthToken.value(),
          TWILIO_SMS_FROM: twilioSmsFrom.value(),
          TWILIO_WHATSAPP_FROM: twilioWhatsappFrom.value(),
          WEBHOOK_BASE_URL: webhookBaseUrl.value(),
        }),
        rxSigningKey: () => rxSigningKey.value(),
      },
    }),
);
