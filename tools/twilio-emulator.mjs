// A local stand-in for the part of Twilio's REST API the messaging adapter uses
// (functions/src/adapters/messaging/twilio.ts). The real `twilio` library is pointed here in the
// emulator; this server records every accepted message and never makes an outbound request.
//
//   node tools/twilio-emulator.mjs            listens on 127.0.0.1:4599 (TWILIO_EMULATOR_PORT)
//   import { startTwilioEmulator } from ...   for tests; { port: 0 } picks a free port
//
// API
//   POST   /2010-04-01/Accounts/{AccountSid}/Messages.json   form-encoded To, From, Body, StatusCallback
//   GET    /__emulator/messages                             { messages: [...] } in arrival order
//   DELETE /__emulator/messages                             clears them (and the one-shot failures)
//
// Failures scripted by the destination number (the digits of To, with or without `whatsapp:`):
//   ...0503  HTTP 503 the first time that exact To is seen, then accepted
//   ...0429  HTTP 429 the first time that exact To is seen, then accepted
//   ...0000  HTTP 400, Twilio code 21211 (invalid 'To'), every time
//   ...0610  HTTP 400, Twilio code 21610 (unsubscribed), every time
// Basic auth must be present, with the AccountSid of the path as user (or an API key SK...). If
// an auth token is configured (option authToken or env TWILIO_EMULATOR_AUTH_TOKEN), the password
// must match it.
//
// Inbound: the recorder also plays what Twilio sends the functions, signed as Twilio signs it
// (X-Twilio-Signature: HMAC-SHA1 of the URL and the sorted form fields, keyed by the auth token;
// option webhookAuthToken, webhookBaseUrl default http://127.0.0.1:5000):
//   POST /__emulator/inbound/sms   JSON { from, body, to?, messageSid?, forge? }
//        posts to {webhookBaseUrl}/api/twilio/inbound; the TwiML <Message> replies are recorded
//        as messages to `from` (direction "reply") and answered:
//        { status, messageSid, replies: [text] }
//   POST /__emulator/inbound/call  JSON { from, digits: ["2", "1", ...], to?, callSid?, forge? }
//        posts a call to {webhookBaseUrl}/api/twilio/voice, then presses each key at the <Gather>
//        it is given, posting Digits to the gather's action: { status, callSid, turns: [{ digits,
//        status, say: [{ language, text }], gather: boolean }] }
//   `forge: true` signs with a wrong token (the functions must answer 403).
import { createHmac, randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { jsonSender, readBody, runStandalone, serveJson } from "./lib.mjs";

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_PORT = 4599;
const MAX_BODY_BYTES = 1024 * 1024;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9A-Za-z]{1,64})\/Messages\.json$/;
const E164 = /^\+[1-9]\d{1,14}$/;
const WHATSAPP_PREFIX = "whatsapp:";

function twilioError(status, code, message) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const sendJson = jsonSender("application/json; charset=utf-8");

/** Twilio's date format: RFC 2822 in UTC, e.g. "Thu, 24 Aug 2023 05:01:45 +0000". */
function rfc2822(date) {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

function newSid(prefix) {
  return prefix + randomBytes(16).toString("hex");
}

/** { user, password } from an HTTP basic Authorization header, or null. */
function basicAuth(header) {
  if (typeof header !== "string") return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return password ? { user, password } : null;
}

function channelOf(address) {
  return address.startsWith(WHATSAPP_PREFIX) ? "whatsapp" : "sms";
}

function numberOf(address) {
  return address.startsWith(WHATSAPP_PREFIX) ? address.slice(WHATSAPP_PREFIX.length) : address;
}

/** X-Twilio-Signature for a POST: base64 HMAC-SHA1 of the URL and each sorted field name and value. */
export function twilioSignature(authToken, url, params) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

const XML_ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescapeXml = (text) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : XML_ENTITIES[e],
  );
const attribute = (attrs, name) => {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return match ? unescapeXml(match[1]) : null;
};

/** What a TwiML voice answer says and where its first <Gather> posts (repeated gathers are skipped). */
export function readVoiceTwiml(xml) {
  const gather = /<Gather\b([^>]*)>([\s\S]*?)<\/Gather>/.exec(xml);
  const scope = gather ? gather[2] : xml;
  const say = [...scope.matchAll(/<Say\b([^>]*)>([\s\S]*?)<\/Say>/g)].map((m) => ({
    language: attribute(m[1], "language"),
    text: unescapeXml(m[2]),
  }));
  return { say, action: gather ? attribute(gather[1], "action") : null };
}

/** The texts of a TwiML messaging answer's <Message> elements. */
export function readMessageTwiml(xml) {
  return [...xml.matchAll(/<Message\b[^>]*>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1]));
}

/**
 * Starts the emulator. Resolves with its base URL (what TWILIO_API_BASE should be) and close().
 * @param {{ port?: number, host?: string, authToken?: string }} [options]
 */
export function startTwilioEmulator(options = {}) {
  const envPort = process.env.TWILIO_EMULATOR_PORT;
  const port = options.port ?? (envPort !== undefined && envPort !== "" ? Number(envPort) : DEFAULT_PORT);
  const host = options.host ?? DEFAULT_HOST;
  const authToken = options.authToken ?? (process.env.TWILIO_EMULATOR_AUTH_TOKEN || undefined);
  const webhookBaseUrl = options.webhookBaseUrl ?? "http://127.0.0.1:5000";
  const webhookAuthToken = options.webhookAuthToken;
  /** The number patients text and call (the sender of the replies recorded). */
  const ourNumber = options.ourNumber ?? "+15005550006";

  /** Accepted messages, in order. */
  let messages = [];
  /** The To values a one-shot failure has already been answered for. */
  let failedOnce = new Set();

  function unauthorized(res) {
    sendJson(res, 401, twilioError(401, 20003, "Authenticate"), {
      "WWW-Authenticate": 'Basic realm="Twilio API"',
    });
  }

  function createMessage(req, res, accountSid, rawBody) {
    const auth = basicAuth(req.headers.authorization);
    if (!auth) return unauthorized(res);
    if (auth.user !== accountSid && !auth.user.startsWith("SK")) return unauthorized(res);
    if (authToken !== undefined && auth.password !== authToken) return unauthorized(res);

    const form = new URLSearchParams(rawBody);
    const to = form.get("To");
    const from = form.get("From");
    const body = form.get("Body");
    const statusCallback = form.get("StatusCallback");

    if (!to) return sendJson(res, 400, twilioError(400, 21604, "A 'To' phone number is required."));
    // Like Twilio, this message echoes the number: the adapter must not pass it on.
    if (!E164.test(numberOf(to))) {
      return sendJson(
        res,
        400,
        twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`),
      );
    }
    if (!from) return sendJson(res, 400, twilioError(400, 21603, "A 'From' phone number is required."));
    const channel = channelOf(to);
    if (channelOf(from) !== channel || !E164.test(numberOf(from))) {
      return sendJson(
        res,
        400,
        twilioError(400, 63007, `Twilio could not find a Channel with the specified From address: ${from}`),
      );
    }
    if (!body) return sendJson(res, 400, twilioError(400, 21602, "Message body is required."));

    const digits = numberOf(to);
    if (digits.endsWith("0000")) {
      return sendJson(res, 400, twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    }
    if (digits.endsWith("0610")) {
      return sendJson(res, 400, twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
    }
    if ((digits.endsWith("0503") || digits.endsWith("0429")) && !failedOnce.has(to)) {
      failedOnce.add(to);
      return digits.endsWith("0503")
        ? sendJson(res, 503, twilioError(503, 20503, "Service Unavailable"))
        : sendJson(res, 429, twilioError(429, 20429, "Too Many Requests"), { "Retry-After": "1" });
    }

    const now = new Date();
    const sid = newSid("SM");
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
    messages.push({
      sid,
      accountSid,
      to,
      from,
      body,
      statusCallback: statusCallback ?? null,
      channel,
      receivedAt: now.toISOString(),
    });
    sendJson(res, 201, {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body,
      date_created: rfc2822(now),
      date_sent: null,
      date_updated: rfc2822(now),
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: null,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid,
      status: "queued",
      subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
      to,
      uri,
    });
  }

  /** Posts a form to the functions as Twilio would, signed; resolves with the status and body. */
  async function postSigned(url, params, forge) {
    if (!webhookAuthToken) throw Object.assign(new Error("no webhookAuthToken"), { misconfigured: true });
    const signature = twilioSignature(forge ? `${webhookAuthToken}-forged` : webhookAuthToken, url, params);
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  async function playSms(input) {
    const messageSid = input.messageSid ?? newSid("SM");
    const from = input.from;
    const to = input.to ?? ourNumber;
    const params = {
      AccountSid: `AC${"0".repeat(32)}`,
      MessageSid: messageSid,
      From: from,
      To: to,
      Body: input.body ?? "",
    };
    const { status, text } = await postSigned(`${webhookBaseUrl}/api/twilio/inbound`, params, input.forge);
    const replies = status === 200 ? readMessageTwiml(text) : [];
    for (const body of replies) {
      messages.push({
        sid: newSid("SM"),
        accountSid: params.AccountSid,
        to: from,
        from: to,
        body,
        statusCallback: null,
        channel: channelOf(from),
        receivedAt: new Date().toISOString(),
        direction: "reply",
      });
    }
    return { status, messageSid, replies };
  }

  async function playCall(input) {
    const callSid = input.callSid ?? newSid("CA");
    const base = {
      AccountSid: `AC${"0".repeat(32)}`,
      CallSid: callSid,
      From: input.from,
      To: input.to ?? ourNumber,
    };
    const keys = [...(input.digits ?? [])];
    const turns = [];
    let url = `${webhookBaseUrl}/api/twilio/voice`;
    let params = { ...base, CallStatus: "ringing", Direction: "inbound" };
    let digits = null;
    for (;;) {
      const { status, text } = await postSigned(url, params, input.forge);
      const read = status === 200 ? readVoiceTwiml(text) : { say: [], action: null };
      turns.push({ digits, status, say: read.say, gather: read.action !== null });
      if (status !== 200 || !read.action || !keys.length || turns.length > 20) break;
      digits = String(keys.shift());
      url = read.action;
      params = { ...base, CallStatus: "in-progress", Direction: "inbound", Digits: digits };
    }
    return { status: turns[0].status, callSid, turns };
  }

  async function handle(req, res) {
    const { pathname } = new URL(req.url ?? "/", "http://emulator.invalid");

    if (
      (pathname === "/__emulator/inbound/sms" || pathname === "/__emulator/inbound/call") &&
      req.method === "POST"
    ) {
      let input;
      try {
        input = JSON.parse(await readBody(req, MAX_BODY_BYTES));
      } catch {
        return sendJson(res, 400, { message: "the body must be JSON" });
      }
      if (typeof input?.from !== "string") return sendJson(res, 400, { message: "from is required" });
      try {
        return sendJson(res, 200, pathname.endsWith("/sms") ? await playSms(input) : await playCall(input));
      } catch (error) {
        if (error.misconfigured)
          return sendJson(res, 501, { message: "the recorder was started without webhookAuthToken" });
        throw error;
      }
    }

    if (pathname === "/__emulator/messages") {
      if (req.method === "GET") return sendJson(res, 200, { messages });
      if (req.method === "DELETE") {
        messages = [];
        failedOnce = new Set();
        return sendJson(res, 200, { messages: [] });
      }
      return sendJson(res, 405, { message: "Method not allowed" }, { Allow: "GET, DELETE" });
    }

    const match = MESSAGES_PATH.exec(pathname);
    if (match) {
      if (req.method !== "POST") {
        return sendJson(res, 405, twilioError(405, 20004, "Method not allowed"), { Allow: "POST" });
      }
      const rawBody = await readBody(req, MAX_BODY_BYTES);
      return createMessage(req, res, match[1], rawBody);
    }

    sendJson(res, 404, twilioError(404, 20404, `The requested resource ${pathname} was not found`));
  }

  return serveJson(
    handle,
    sendJson,
    {
      tooLarge: [413, twilioError(413, 20001, "Request body too large")],
      failed: [500, twilioError(500, 20500, "Internal Server Error")],
    },
    { port, host },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runStandalone("twilio-emulator", startTwilioEmulator);
}
