import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTwilioEmulator, type RecordedTwilioMessage, type TwilioEmulator } from "./twilio-emulator.mjs";

// The HTTP contract of the local Twilio API recorder, spoken to directly (the adapter's tests
// drive it through the real twilio library).
const ACCOUNT_SID = `AC${"2e".repeat(16)}`;
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const AUTH = `Basic ${Buffer.from(`${ACCOUNT_SID}:token`).toString("base64")}`;

let emulator: TwilioEmulator;

function post(form: Record<string, string>, authorization: string | null = AUTH, path = MESSAGES) {
  return fetch(`${emulator.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: new URLSearchParams(form),
  });
}

async function recorded(): Promise<RecordedTwilioMessage[]> {
  return (
    (await (await fetch(`${emulator.url}/__emulator/messages`)).json()) as {
      messages: RecordedTwilioMessage[];
    }
  ).messages;
}

const sms = (to: string) => ({ To: to, From: "+15005550006", Body: "Hello" });

beforeAll(async () => {
  emulator = await startTwilioEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/messages`, { method: "DELETE" });
});

describe("twilio emulator", () => {
  it("listens on 127.0.0.1 at the port it reports", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it("answers 201 with a Twilio-shaped message resource and records it", async () => {
    const response = await post({ ...sms("+919800000001"), StatusCallback: "https://app.example/cb" });
    expect(response.status).toBe(201);
    const resource = (await response.json()) as Record<string, unknown>;
    expect(resource).toMatchObject({
      account_sid: ACCOUNT_SID,
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: "queued",
      to: "+919800000001",
      from: "+15005550006",
      body: "Hello",
      direction: "outbound-api",
      date_created: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
    });
    expect(await recorded()).toEqual([
      {
        sid: resource["sid"],
        accountSid: ACCOUNT_SID,
        to: "+919800000001",
        from: "+15005550006",
        body: "Hello",
        statusCallback: "https://app.example/cb",
        channel: "sms",
        receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
  });

  it("keeps messages in arrival order and DELETE clears them", async () => {
    await post(sms("+919800000001"));
    await post({ To: "whatsapp:+919800000002", From: "whatsapp:+14155238886", Body: "Hi" });
    expect((await recorded()).map((m) => [m.to, m.channel])).toEqual([
      ["+919800000001", "sms"],
      ["whatsapp:+919800000002", "whatsapp"],
    ]);
    expect((await fetch(`${emulator.url}/__emulator/messages`, { method: "DELETE" })).status).toBe(200);
    expect(await recorded()).toEqual([]);
  });

  it("answers 401 with a Twilio error without basic auth, or with another account's SID", async () => {
    for (const authorization of [
      null,
      "Bearer abc",
      `Basic ${Buffer.from(`AC${"0".repeat(32)}:token`).toString("base64")}`,
    ]) {
      const response = await post(sms("+919800000001"), authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 401, code: 20003, message: "Authenticate" });
    }
    expect(await recorded()).toEqual([]);
  });

  it("validates To like Twilio (21604 missing, 21211 not E.164)", async () => {
    const missing = await post({ From: "+15005550006", Body: "Hello" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 21604 });
    for (const to of ["12345", "+0123", "whatsapp:98000", "+91 98000 00001"]) {
      const response = await post(sms(to));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 21211, status: 400 });
    }
  });

  it("refuses a WhatsApp To with an SMS From (63007)", async () => {
    const response = await post({ To: "whatsapp:+919800000002", From: "+15005550006", Body: "Hi" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 63007 });
  });

  it("answers 503 then 429 once per exact number, until DELETE resets them", async () => {
    expect((await post(sms("+919800000503"))).status).toBe(503);
    expect((await post(sms("+919800000503"))).status).toBe(201);
    expect(
      (await post({ To: "whatsapp:+919800000503", From: "whatsapp:+14155238886", Body: "Hi" })).status,
    ).toBe(503);
    const limited = await post(sms("+919800000429"));
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 20429, status: 429 });
    expect((await post(sms("+919800000429"))).status).toBe(201);
    await fetch(`${emulator.url}/__emulator/messages`, { method: "DELETE" });
    expect((await post(sms("+919800000503"))).status).toBe(503);
  });

  it("answers 21211 and 21610 every time for ...0000 and ...0610", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const invalid = await post(sms("+919800000000"));
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toEqual({
        code: 21211,
        message: "The 'To' number is not a valid phone number.",
        more_info: "https://www.twilio.com/docs/errors/21211",
        status: 400,
      });
      const unsubscribed = await post(sms("+919800000610"));
      expect(unsubscribed.status).toBe(400);
      expect(await unsubscribed.json()).toMatchObject({ code: 21610, status: 400 });
    }
    expect(await recorded()).toEqual([]);
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect(
      (await post(sms("+919800000001"), AUTH, `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`)).status,
    ).toBe(404);
    expect((await fetch(`${emulator.url}${MESSAGES}`)).status).toBe(405);
    expect((await fetch(`${emulator.url}/__emulator/messages`, { method: "PUT" })).status).toBe(405);
  });
});
