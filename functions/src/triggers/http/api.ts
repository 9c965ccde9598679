import { onRequest } from "firebase-functions/v2/https";
import { API_SECRETS, apiConfig } from "../../config/api";
import { handleApiRequest } from "../../handlers/http/api";

/** Everything behind `/api/**`: web sessions, Twilio's webhooks, the prescription check, health. */
export const api = onRequest({ secrets: API_SECRETS }, (req, res) => handleApiRequest(req, res, apiConfig()));
