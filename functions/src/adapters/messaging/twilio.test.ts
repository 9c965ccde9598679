import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startTwilioEmulator,
  type RecordedTwilioMessage,
  type TwilioEmulator,
} from "../../../../tools/twilio-emulator.mjs";
import type { OutboundMessage } from "../../domain/notifications/transport";
import { createTwilioTransport, redirectUri, type TwilioTransportConfig } from "./twilio";

// The real twilio library, pointed at the local Twilio API recorder on an ephemeral port.
const ACCOUNT_SID = `AC${"1f".repeat(16)}`;
const SMS_FROM = "+15005550006";
const WHATSAPP_FROM = "+14155238886";
const STATUS_CALLBACK = "https://app.arogya.example/api/twilio/status";

let emulator: TwilioEmulator;

function config(overrides: Partial<TwilioTransportConfig> = {}): TwilioTransportConfig {
  return {
    accountSid: ACCOUNT_SID,
    authToken: "test-token",
    smsFrom: SMS_FROM,
    whatsappFrom: WHATSAPP_FROM,
    apiBaseUrl: emulator.url,
    ...overrides,
  };
}

async function recorded(): Promise<RecordedTwilioMessage[]> {
  const response = await fetch(`${emulator.url}/__emulator/messages`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: RecordedTwilioMessage[] }).messages;
}

function sms(to: string, body = "Reminder: your tele-consultation is tomorrow at 10:00."): OutboundMessage {
  return { channel: "sms", to, body };
}

beforeAll(async () => {
  emulator = await startTwilioEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  expect((await fetch(`${emulator.url}/__emulator/messages`, { method: "DELETE" })).status).toBe(200);
});

describe("createTwilioTransport against the local Twilio API", () => {
  it("sends an SMS with the status callback and returns Twilio's sid and status", async () => {
    const transport = createTwilioTransport(config());
    const result = await transport.send({
      ...sms("+919800000001", "Your booking is confirmed."),
      statusCallbackUrl: STATUS_CALLBACK,
    });
    expect(result).toEqual({
      ok: true,
      providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      providerStatus: "queued",
    });
    const messages = await recorded();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      accountSid: ACCOUNT_SID,
      to: "+919800000001",
      from: SMS_FROM,
      body: "Your booking is confirmed.",
      statusCallback: STATUS_CALLBACK,
      channel: "sms",
    });
    expect(result.ok && result.providerId).toBe(messages[0]!.sid);
  });

  it("sends WhatsApp with the whatsapp: prefix on both To and From", async () => {
    const transport = createTwilioTransport(config());
    const result = await transport.send({
      channel: "whatsapp",
      to: "+919800000002",
      body: "नमस्ते, your appointment is confirmed.",
      statusCallbackUrl: STATUS_CALLBACK,
    });
    expect(result.ok).toBe(true);
    const [message, ...rest] = await recorded();
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      to: "whatsapp:+919800000002",
      from: `whatsapp:${WHATSAPP_FROM}`,
      body: "नमस्ते, your appointment is confirmed.",
      statusCallback: STATUS_CALLBACK,
      channel: "whatsapp",
    });
  });

  it("sends no StatusCallback when none is given, and accepts a configured sender already prefixed", async () => {
    const transport = createTwilioTransport(config({ whatsappFrom: `whatsapp:${WHATSAPP_FROM}` }));
    expect((await transport.send({ channel: "whatsapp", to: "+919800000003", body: "Hello" })).ok).toBe(true);
    expect(await recorded()).toMatchObject([
      { to: "whatsapp:+919800000003", from: `whatsapp:${WHATSAPP_FROM}`, statusCallback: null },
    ]);
  });

  it("reports a 503 as retryable, and the retry succeeds", async () => {
    const transport = createTwilioTransport(config());
    expect(await transport.send(sms("+919800000503"))).toEqual({
      ok: false,
      retryable: true,
      code: "http-503",
      message: "HTTP 503 from Twilio: Service unavailable",
    });
    expect(await recorded()).toEqual([]);
    expect(await transport.send(sms("+919800000503"))).toMatchObject({ ok: true, providerStatus: "queued" });
    expect(await recorded()).toHaveLength(1);
  });

  it("reports a 429 as retryable without the library retrying it by itself", async () => {
    const transport = createTwilioTransport(config());
    expect(await transport.send(sms("+919800000429"))).toMatchObject({
      ok: false,
      retryable: true,
      code: "http-429",
    });
    // Had the library auto-retried, the second (accepted) attempt would be recorded already.
    expect(await recorded()).toEqual([]);
    expect((await transport.send(sms("+919800000429"))).ok).toBe(true);
  });

  it("reports an invalid number (21211) as permanent, every time", async () => {
    const transport = createTwilioTransport(config());
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await transport.send(sms("+919800000000"))).toEqual({
        ok: false,
        retryable: false,
        code: "twilio-21211",
        message: "Invalid 'To' phone number (HTTP 400)",
      });
    }
    expect(await recorded()).toEqual([]);
  });

  it("reports an unsubscribed recipient (21610) as permanent, on WhatsApp too", async () => {
    const transport = createTwilioTransport(config());
    const result = await transport.send({ channel: "whatsapp", to: "+919800000610", body: "Hello" });
    expect(result).toMatchObject({ ok: false, retryable: false, code: "twilio-21610" });
    expect(JSON.stringify(result)).not.toContain("9800000610");
  });

  it("refuses a recipient that is not E.164 without calling Twilio", async () => {
    const transport = createTwilioTransport(config());
    expect(await transport.send(sms("98000 00001"))).toEqual({
      ok: false,
      retryable: false,
      code: "invalid-recipient",
      message: "Recipient is not an E.164 number",
    });
    expect(await recorded()).toEqual([]);
  });
});

describe("credentials", () => {
  let strict: TwilioEmulator;
  beforeAll(async () => {
    strict = await startTwilioEmulator({ port: 0, authToken: "right-token" });
  });
  afterAll(async () => {
    await strict.close();
  });

  it("reports rejected credentials (401, 20003) as permanent", async () => {
    const transport = createTwilioTransport(config({ apiBaseUrl: strict.url, authToken: "wrong-token" }));
    expect(await transport.send(sms("+919800000001"))).toEqual({
      ok: false,
      retryable: false,
      code: "twilio-20003",
      message: "Authentication failed: account SID or auth token rejected (HTTP 401)",
    });
  });

  it("sends with the right ones (the library's basic auth reaches the server)", async () => {
    const transport = createTwilioTransport(config({ apiBaseUrl: strict.url, authToken: "right-token" }));
    expect((await transport.send(sms("+919800000001"))).ok).toBe(true);
  });
});

describe("network failures", () => {
  async function listening(server: Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  it("reports a refused connection as retryable", async () => {
    const server = createServer();
    const port = await listening(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const transport = createTwilioTransport(config({ apiBaseUrl: `http://127.0.0.1:${port}` }));
    expect(await transport.send(sms("+919800000001"))).toMatchObject({
      ok: false,
      retryable: true,
      code: "network-ECONNREFUSED",
    });
  });

  it("reports a server that never answers as a retryable timeout after timeoutMs", async () => {
    const server = createServer(() => {
      /* never responds */
    });
    const port = await listening(server);
    try {
      const transport = createTwilioTransport(
        config({ apiBaseUrl: `http://127.0.0.1:${port}`, timeoutMs: 150 }),
      );
      const started = Date.now();
      expect(await transport.send(sms("+919800000001"))).toEqual({
        ok: false,
        retryable: true,
        code: "network-ETIMEDOUT",
        message: "Request to Twilio timed out",
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("configuration", () => {
  it.each([
    ["an account SID not starting with AC", { accountSid: "SK123" }],
    ["an empty auth token", { authToken: "" }],
    ["an SMS sender that is not E.164", { smsFrom: "Arogya" }],
    ["a WhatsApp sender that is not E.164", { whatsappFrom: "whatsapp:14155238886" }],
    ["an API base that is not a URL", { apiBaseUrl: "127.0.0.1:4599" }],
    ["a non-positive timeout", { timeoutMs: 0 }],
  ])("throws at creation for %s", (_label, overrides) => {
    expect(() => createTwilioTransport(config(overrides))).toThrow(/^Twilio transport: /);
  });
});

describe("redirectUri", () => {
  it("keeps path and query and replaces scheme, host and port", () => {
    const base = new URL("http://127.0.0.1:4599");
    expect(redirectUri("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=5", base)).toBe(
      "http://127.0.0.1:4599/2010-04-01/Accounts/AC1/Messages.json?PageSize=5",
    );
  });

  it("redirects edge/region hosts and other Twilio products too, under a base path", () => {
    const base = new URL("http://localhost:4599/twilio/");
    expect(redirectUri("https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Messages.json", base)).toBe(
      "http://localhost:4599/twilio/2010-04-01/Accounts/AC1/Messages.json",
    );
    expect(redirectUri("https://messaging.twilio.com/v1/Services", base)).toBe(
      "http://localhost:4599/twilio/v1/Services",
    );
  });
});
