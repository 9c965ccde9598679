import type TwilioSdk from "twilio";
import type {
  Channel,
  MessageTransport,
  OutboundMessage,
  SendResult,
} from "../../domain/notifications/transport";
import { classifyTwilioError } from "./twilioErrors";

export interface TwilioTransportConfig {
  accountSid: string;
  authToken: string;
  /** SMS sender, E.164. */
  smsFrom: string;
  /** WhatsApp sender, E.164 (a `whatsapp:` prefix is tolerated). */
  whatsappFrom: string;
  /**
   * Emulator only: every request the library makes goes to this base URL (the local Twilio API
   * recorder, tools/twilio-emulator.mjs) instead of https://api.twilio.com. Empty or absent in
   * production.
   */
  apiBaseUrl?: string;
  /** Per-request timeout (connect + response); the library's default is 30 s. */
  timeoutMs?: number;
}

type Sdk = typeof TwilioSdk;
type RequestOptions = Parameters<TwilioSdk.RequestClient["request"]>[0];
type MessagesClient = TwilioSdk.Twilio["messages"];

const DEFAULT_TIMEOUT_MS = 10_000;
const E164 = /^\+[1-9]\d{1,14}$/;
const WHATSAPP_PREFIX = "whatsapp:";

/**
 * Where a request the library built for `uri` goes when `base` is set: same path and query,
 * under the base. Every host is redirected, not only api.twilio.com (edge/region settings or
 * other products would otherwise reach the network from the emulator).
 */
export function redirectUri(uri: string, base: URL): string {
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

function parseBaseUrl(apiBaseUrl: string): URL {
  let base: URL;
  try {
    base = new URL(apiBaseUrl);
  } catch {
    throw new Error("Twilio transport: apiBaseUrl is not a URL");
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new Error("Twilio transport: apiBaseUrl must be http(s)");
  }
  return base;
}

function stripWhatsappPrefix(number: string): string {
  return number.startsWith(WHATSAPP_PREFIX) ? number.slice(WHATSAPP_PREFIX.length) : number;
}

function address(channel: Channel, e164: string): string {
  return channel === "whatsapp" ? `${WHATSAPP_PREFIX}${e164}` : e164;
}

/**
 * The library's own RequestClient (axios, auth, form encoding, timeouts), with only the request
 * URI moved to the emulator. Passed to the client as `httpClient`, the library's documented hook
 * for a custom HTTP client; defined per call because the class it extends is loaded lazily.
 */
function createRedirectingHttpClient(sdk: Sdk, base: URL, timeoutMs: number): TwilioSdk.RequestClient {
  class RedirectingRequestClient extends sdk.RequestClient {
    override request<TData>(opts: RequestOptions & { data?: TData }) {
      return super.request<TData>({ ...opts, uri: redirectUri(opts.uri, base) });
    }
  }
  return new RedirectingRequestClient({ timeout: timeoutMs, autoRetry: false });
}

/**
 * A MessageTransport over the official twilio library. Sending never throws: failures come back
 * as `{ ok: false }`, classified by classifyTwilioError. Nothing here logs, and results carry no
 * phone number or body.
 *
 * Configuration is checked here (and throws: it is a deployment error, not a send failure). The
 * library itself (~0.3 s to load) is required only on the first send, so a function instance that
 * never sends never loads it.
 */
export function createTwilioTransport(config: TwilioTransportConfig): MessageTransport {
  if (!config.accountSid.startsWith("AC")) throw new Error("Twilio transport: accountSid must start with AC");
  if (config.authToken === "") throw new Error("Twilio transport: authToken is empty");
  const smsFrom = stripWhatsappPrefix(config.smsFrom.trim());
  const whatsappFrom = stripWhatsappPrefix(config.whatsappFrom.trim());
  if (!E164.test(smsFrom)) throw new Error("Twilio transport: smsFrom is not an E.164 number");
  if (!E164.test(whatsappFrom)) throw new Error("Twilio transport: whatsappFrom is not an E.164 number");
  const base = config.apiBaseUrl ? parseBaseUrl(config.apiBaseUrl) : undefined;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new Error("Twilio transport: timeoutMs must be positive");

  let messages: MessagesClient | undefined;
  function messagesClient(): MessagesClient {
    if (messages === undefined) {
      // Lazy on purpose (cold starts); the type-only import above emits no require.
      const sdk = require("twilio") as Sdk;
      const client = sdk(config.accountSid, config.authToken, {
        // The outbox owns retries; the library must not retry 429s on its own.
        autoRetry: false,
        // TWILIO_LOG_LEVEL=debug in the environment would otherwise make the library log requests.
        logLevel: "none",
        ...(base
          ? { httpClient: createRedirectingHttpClient(sdk, base, timeoutMs) }
          : { timeout: timeoutMs }),
      });
      messages = client.messages;
    }
    return messages;
  }

  return {
    async send(message: OutboundMessage): Promise<SendResult> {
      if (!E164.test(message.to)) {
        return {
          ok: false,
          retryable: false,
          code: "invalid-recipient",
          message: "Recipient is not an E.164 number",
        };
      }
      const from = message.channel === "whatsapp" ? whatsappFrom : smsFrom;
      try {
        const created = await messagesClient().create({
          to: address(message.channel, message.to),
          from: address(message.channel, from),
          body: message.body,
          ...(message.statusCallbackUrl !== undefined ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        return { ok: true, providerId: created.sid, providerStatus: created.status };
      } catch (error) {
        return { ok: false, ...classifyTwilioError(error) };
      }
    },
  };
}
