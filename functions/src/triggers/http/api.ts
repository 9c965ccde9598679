import { onRequest } from "firebase-functions/v2/https";
import { API_SECRETS, apiConfig } from "../../config/api";

/**
 * Everything behind `/api/**`: web sessions, Twilio's webhooks, the prescription check, health.
 * The handler is loaded on the first request (an entry point loads no handler).
 */
export const api = onRequest({ secrets: API_SECRETS }, async (req, res) => {
  const { handleApiRequest } = await import("../../handlers/http/api");
  await handleApiRequest(req, res, apiConfig());
});
