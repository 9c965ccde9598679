import type { Response } from "express";
import type { Request } from "firebase-functions/v2/https";
import { health, type HealthConfig } from "./health";
import { fail } from "./respond";
import { handleSessionRoute, type SessionConfig } from "./session";
import { twilioInbound, twilioStatus, twilioVoice, type TwilioWebhookConfig } from "./twilioWebhooks";
import { verifyPrescription } from "../prescriptions/verifyPrescription";

/**
 * Everything behind `/api/**` (Hosting rewrites it to the `api` function): web sessions,
 * Twilio's webhooks, the public prescription check (`GET /api/rx/verify?id=…&sig=…`) and the health check (`GET /api/health`). The path may arrive with or without the `/api` prefix.
 */
export async function handleApiRequest(
  req: Request,
  res: Response,
  config: {
    session: SessionConfig;
    twilio: () => TwilioWebhookConfig;
    rx: { signingKey: () => string };
    health: HealthConfig;
  },
): Promise<void> {
  const route = req.path.replace(/^\/api(?=\/)/, "");
  res.set("Cache-Control", "private, no-store");
  if (await handleSessionRoute(route, req, res, config.session)) return;
  if (route === "/health" && (req.method === "GET" || req.method === "HEAD"))
    return health(req, res, config.health);
  if (route === "/twilio/status" && req.method === "POST") return twilioStatus(req, res, config.twilio());
  if (route === "/twilio/inbound" && req.method === "POST") return twilioInbound(req, res, config.twilio());
  if (route === "/twilio/voice" && req.method === "POST") return twilioVoice(req, res, config.twilio());
  if (route === "/rx/verify" && req.method === "GET") {
    const answer = await verifyPrescription(req.query, config.rx);
    res.status(answer.status).json(answer.body);
    return;
  }
  return fail(res, "NOT_FOUND", "no such endpoint");
}
