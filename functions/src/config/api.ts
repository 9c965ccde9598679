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
} from "./params";

/** The secrets the `api` function (handlers/http/api.ts) is bound to. */
export const API_SECRETS = [sessionCsrfSecret, twilioAuthToken, rxSigningKey, twilioAccountSid];

/**
 * What the routes behind `/api/**` need, read when a request comes in; the Twilio and signing-key
 * values only when a route asks for them.
 */
export function apiConfig() {
  return {
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
  };
}
