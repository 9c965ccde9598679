import { createHmac } from "node:crypto";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { isValidTwilioSignature } from "./signature";

const AUTH_TOKEN = "12345678901234567890123456789012";
const URL_SIGNED = "https://app.arogya.example/api/twilio/status";
const PARAMS: Record<string, string> = {
  AccountSid: `AC${"1f".repeat(16)}`,
  MessageSid: `SM${"ab".repeat(16)}`,
  MessageStatus: "delivered",
  To: "whatsapp:+919800000001",
  From: "whatsapp:+14155238886",
  ApiVersion: "2010-04-01",
};

/** Twilio's documented scheme, computed independently: HMAC-SHA1(url + sorted key+value), base64. */
function documentedSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

describe("isValidTwilioSignature", () => {
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, URL_SIGNED, PARAMS);

  it("the library signs as Twilio documents it", () => {
    expect(signature).toBe(documentedSignature(AUTH_TOKEN, URL_SIGNED, PARAMS));
  });

  it("accepts the signature of a status callback", () => {
    expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL_SIGNED, { ...PARAMS })).toBe(true);
  });

  it("accepts the same URL with the default port written out (Twilio may sign either)", () => {
    expect(
      isValidTwilioSignature(
        AUTH_TOKEN,
        signature,
        "https://app.arogya.example:443/api/twilio/status",
        PARAMS,
      ),
    ).toBe(true);
  });

  it("rejects a tampered parameter", () => {
    expect(
      isValidTwilioSignature(AUTH_TOKEN, signature, URL_SIGNED, { ...PARAMS, MessageStatus: "failed" }),
    ).toBe(false);
  });

  it("rejects an added parameter", () => {
    expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL_SIGNED, { ...PARAMS, ErrorCode: "30008" })).toBe(
      false,
    );
  });

  it("rejects a different URL", () => {
    expect(
      isValidTwilioSignature(AUTH_TOKEN, signature, "https://app.arogya.example/api/twilio/inbound", PARAMS),
    ).toBe(false);
    expect(
      isValidTwilioSignature(AUTH_TOKEN, signature, "https://evil.example/api/twilio/status", PARAMS),
    ).toBe(false);
  });

  it("rejects another auth token's signature", () => {
    const other = twilio.getExpectedTwilioSignature("another-token", URL_SIGNED, PARAMS);
    expect(isValidTwilioSignature(AUTH_TOKEN, other, URL_SIGNED, PARAMS)).toBe(false);
  });

  it("rejects a missing header, an empty token and an unparseable URL", () => {
    expect(isValidTwilioSignature(AUTH_TOKEN, undefined, URL_SIGNED, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(AUTH_TOKEN, "", URL_SIGNED, PARAMS)).toBe(false);
    expect(
      isValidTwilioSignature(
        "",
        twilio.getExpectedTwilioSignature("", URL_SIGNED, PARAMS),
        URL_SIGNED,
        PARAMS,
      ),
    ).toBe(false);
    expect(isValidTwilioSignature(AUTH_TOKEN, signature, "not a url", PARAMS)).toBe(false);
  });
});
