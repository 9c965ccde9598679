import type { Response } from "express";
import type { Request } from "firebase-functions/v2/https";
import { fail, handleSessionRoute, type SessionConfig } from "./session";
import { twilioInbound, twilioStatus, type TwilioWebhookConfig } from "./twilioWebhooks";

/**
 * Everything behind `/api/**` (Hosting rewrites it to the `api` function): web sessions and
 * Twilio's webhooks. The path may arrive with or without the `/api` prefix.
 */
export async function handleApiRequest(req: Request, res: Response, config: { session: SessionConfig; twilio: () => TwilioWebhookConfig }): Promise<void> {
  const route = req.path.replace(/^\/api(?=\/)/, "");
  res.set("Cache-Control", "private, no-store");
  if (await handleSessionRoute(route, req, res, config.session)) return;
  if (route === "/twilio/status" && req.method === "POST") return twilioStatus(req, res, config.twilio());
  if (route === "/twilio/inbound" && req.method === "POST") return twilioInbound(req, res, config.twilio());
  return fail(res, "NOT_FOUND", "no such endpoint");
}
