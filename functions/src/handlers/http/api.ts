import type { Response } from "express";
import type { Request } from "firebase-functions/v2/https";
import { health, type HealthConfig } from "./health";
import { fail } from "./respond";
import { handleSessionRoute, type SessionConfig } from "./session";
import { twilioInbound, twilioStatus, twilioVoice, type TwilioWebhookConfig } from "./twilioWebhooks";
import { verifyPrescription } from "../prescriptions/verifyPrescription";
import { verificationPage } from "../prescriptions/verificationPage";
import { shortLink } from "../prescriptions/shortLink";
import { publishedKeySet } from "../../services/prescriptions/verification";

/** How long pharmacy software may cache the key set: a rotation publishes the new key first. */
const KEY_SET_MAX_AGE_SECONDS = 3600;

/**
 * Everything behind `/api/**` (Hosting rewrites it to the `api` function): web sessions,
 * Twilio's webhooks, the public prescription check (`GET /api/rx/verify?id=…&sig=…`), the
 * signing key set (`GET /api/rx/keys`) and the health check (`GET /api/health`). The path may
 * arrive with or without the `/api` prefix. Hosting also rewrites the verification page
 * (`/v/{code}`, `/v`) here: an HTML page, matched before the prefix is taken off.
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
  const page = /^\/v(?:\/([^/]*))?\/?$/.exec(req.path);
  if (page && (req.method === "GET" || req.method === "HEAD")) {
    const answer = await verificationPage(
      {
        pathCode: page[1] ? page[1] : null,
        query: req.query as Record<string, unknown>,
        acceptLanguage: req.get("accept-language"),
        clientIp: String(req.get("x-forwarded-for") ?? req.ip ?? "")
          .split(",")[0]
          .trim(),
      },
      { signingKey: config.rx.signingKey, now: new Date() },
    );
    if (answer.location !== undefined) {
      res.redirect(303, answer.location);
      return;
    }
    res
      .status(answer.status)
      .type("html")
      .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .send(answer.html);
    return;
  }
  const link = /^\/s\/([^/]+)$/.exec(req.path);
  if (link && (req.method === "GET" || req.method === "POST")) {
    const answer = await shortLink(
      {
        token: link[1],
        method: req.method,
        query: req.query as Record<string, unknown>,
        acceptLanguage: req.get("accept-language"),
      },
      new Date(),
    );
    if (answer.location !== undefined) {
      res.redirect(303, answer.location);
      return;
    }
    res.status(answer.status).type("html").send(answer.html);
    return;
  }
  if (route === "/rx/keys" && (req.method === "GET" || req.method === "HEAD")) {
    res.set("Cache-Control", `public, max-age=${KEY_SET_MAX_AGE_SECONDS}`);
    res.type("application/jwk-set+json").send(JSON.stringify(await publishedKeySet(config.rx.signingKey())));
    return;
  }
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
