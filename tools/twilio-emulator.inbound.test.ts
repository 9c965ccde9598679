import { createServer, type Server } from "node:http";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwilioEmulator, twilioSignature, type TwilioEmulator } from "./twilio-emulator.mjs";

// The recorder playing inbound SMS and calls to a stand-in for the functions, which checks the
// signature with the twilio library (as the functions do) and answers TwiML.
const TOKEN = "inbound-test-token";
let emulator: TwilioEmulator;
let server: Server;
let base: string;
const seen: Array<{ path: string; params: Record<string, string>; valid: boolean }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const params = Object.fromEntries(new URLSearchParams(raw));
      const url = `${base}${req.url}`;
      const valid = twilio.validateRequest(TOKEN, String(req.headers["x-twilio-signature"]), url, params);
      seen.push({ path: req.url ?? "", params, valid });
      if (!valid) return res.writeHead(403).end();
      const voice = new twilio.twiml.VoiceResponse();
      const messaging = new twilio.twiml.MessagingResponse();
      if (req.url?.startsWith("/api/twilio/inbound")) messaging.message(`you said ${params.Body} & more`);
      else if (!params.Digits) {
        voice
          .gather({ action: `${base}/api/twilio/voice?step=lang&x=1`, numDigits: 1 })
          .say({ language: "en-IN" }, "Press 3");
      } else voice.say({ language: "pa-IN" }, `ਤੁਸੀਂ ${params.Digits} ਦਬਾਇਆ`);
      res
        .writeHead(200, { "Content-Type": "text/xml" })
        .end(req.url?.includes("inbound") ? messaging.toString() : voice.toString());
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  emulator = await startTwilioEmulator({ port: 0, webhookBaseUrl: base, webhookAuthToken: TOKEN });
});
afterAll(async () => {
  await emulator.close();
  await new Promise((r) => server.close(r));
});

const play = (kind: "sms" | "call", body: unknown) =>
  fetch(`${emulator.url}/__emulator/inbound/${kind}`, { method: "POST", body: JSON.stringify(body) }).then(
    (r) => r.json(),
  );

describe("twilio emulator: inbound", () => {
  it("signs as the twilio library expects", () => {
    const params = { From: "+919800000001", Body: "hi", MessageSid: "SM1" };
    expect(twilioSignature(TOKEN, "https://x.example/a?b=c", params)).toBe(
      twilio.getExpectedTwilioSignature(TOKEN, "https://x.example/a?b=c", params),
    );
  });

  it("plays an SMS and records the TwiML reply as a message to the sender", async () => {
    const played = await play("sms", { from: "+919800000001", body: "BOOK" });
    expect(played).toMatchObject({
      status: 200,
      replies: ["you said BOOK & more"],
      messageSid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
    });
    const { messages } = await (await fetch(`${emulator.url}/__emulator/messages`)).json();
    expect(messages).toContainEqual(
      expect.objectContaining({ to: "+919800000001", body: "you said BOOK & more", direction: "reply" }),
    );
    expect(seen.at(-1)).toMatchObject({ valid: true, params: { Body: "BOOK", From: "+919800000001" } });
  });

  it("plays a call, pressing keys at each gather, to the gather's signed action URL", async () => {
    const played = await play("call", { from: "+919800000002", digits: ["3"] });
    expect(played.turns).toEqual([
      { digits: null, status: 200, say: [{ language: "en-IN", text: "Press 3" }], gather: true },
      { digits: "3", status: 200, say: [{ language: "pa-IN", text: "ਤੁਸੀਂ 3 ਦਬਾਇਆ" }], gather: false },
    ]);
    expect(seen.at(-1)).toMatchObject({
      path: "/api/twilio/voice?step=lang&x=1",
      valid: true,
      params: { Digits: "3" },
    });
  });

  it("a forged request is refused and nothing is recorded", async () => {
    const before = (await (await fetch(`${emulator.url}/__emulator/messages`)).json()).messages.length;
    expect(await play("sms", { from: "+919800000003", body: "x", forge: true })).toMatchObject({
      status: 403,
      replies: [],
    });
    expect((await play("call", { from: "+919800000003", forge: true })).status).toBe(403);
    expect((await (await fetch(`${emulator.url}/__emulator/messages`)).json()).messages.length).toBe(before);
  });
});
