import twilio from "twilio";
import TwilioServiceException from "twilio/lib/base/TwilioServiceException";
import { describe, expect, it } from "vitest";
import { classifyTwilioError } from "./twilioErrors";

const PHONE = "+919812345678";

/** What the library throws for a non-2xx legacy-format response (Version.throwException). */
function restException(statusCode: number, body: unknown) {
  return new twilio.RestException({
    statusCode,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function twilioBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

function networkError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

/** No phone number or other long digit run in anything the classifier returns. */
function expectNoPhi(result: object) {
  const text = JSON.stringify(result);
  expect(text).not.toContain(PHONE);
  expect(text).not.toMatch(/\+\d/);
  expect(text).not.toMatch(/\d{7,}/);
}

describe("classifyTwilioError: permanent Twilio errors", () => {
  it("builds a real RestException with status, code and the raw message", () => {
    const error = restException(
      400,
      twilioBody(400, 21211, `The 'To' number ${PHONE} is not a valid phone number.`),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe(21211);
    expect(error.message).toContain(PHONE);
  });

  it("classifies 21211 (invalid To) as permanent without echoing the number Twilio put in its message", () => {
    const result = classifyTwilioError(
      restException(400, twilioBody(400, 21211, `The 'To' number ${PHONE} is not a valid phone number.`)),
    );
    expect(result).toEqual({
      retryable: false,
      code: "twilio-21211",
      message: "Invalid 'To' phone number (HTTP 400)",
    });
    expectNoPhi(result);
  });

  it.each([
    [21610, "Attempt to send to unsubscribed recipient", /unsubscribed/i],
    [21614, `'To' number ${PHONE} is not a valid mobile number`, /mobile/i],
    [
      21408,
      `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${PHONE}`,
      /region/i,
    ],
    [63016, "Failed to send freeform message because you are outside the allowed window.", /24-hour window/],
    [63024, `Invalid message recipient ${PHONE}`, /WhatsApp recipient/],
  ])("classifies Twilio %i as permanent with the code's meaning", (code, raw, meaning) => {
    const result = classifyTwilioError(restException(400, twilioBody(400, code, raw)));
    expect(result.retryable).toBe(false);
    expect(result.code).toBe(`twilio-${code}`);
    expect(result.message).toMatch(meaning);
    expectNoPhi(result);
  });

  it("classifies wrong credentials (401, 20003) as permanent", () => {
    expect(classifyTwilioError(restException(401, twilioBody(401, 20003, "Authenticate")))).toEqual({
      retryable: false,
      code: "twilio-20003",
      message: "Authentication failed: account SID or auth token rejected (HTTP 401)",
    });
  });

  it("classifies an unknown Twilio code on a 4xx as permanent, with a generic message", () => {
    const result = classifyTwilioError(
      restException(
        400,
        twilioBody(400, 99999, `Something about ${PHONE} and the body "fever since Monday"`),
      ),
    );
    expect(result).toEqual({
      retryable: false,
      code: "twilio-99999",
      message: "Twilio error 99999 (HTTP 400)",
    });
  });

  it("classifies a 4xx without a Twilio code by its HTTP status", () => {
    const result = classifyTwilioError(restException(404, "<html>not json</html>"));
    expect(result).toEqual({
      retryable: false,
      code: "http-404",
      message: "HTTP 404 from Twilio: Not found",
    });
  });

  it("classifies the library's RFC 9457 TwilioServiceException the same way", () => {
    const body = {
      type: "https://www.twilio.com/docs/errors/21211",
      title: `Invalid 'To' ${PHONE}`,
      status: 400,
      code: 21211,
    };
    const error = new TwilioServiceException({ statusCode: 400, body });
    expect(error.status).toBe(400);
    const result = classifyTwilioError(error);
    expect(result).toEqual({
      retryable: false,
      code: "twilio-21211",
      message: "Invalid 'To' phone number (HTTP 400)",
    });
    expectNoPhi(result);
  });
});

describe("classifyTwilioError: retryable HTTP errors", () => {
  it.each([500, 502, 503, 504])("classifies HTTP %i as retryable http-%i", (status) => {
    const result = classifyTwilioError(
      restException(status, twilioBody(status, 20500, "Internal Server Error")),
    );
    expect(result.retryable).toBe(true);
    expect(result.code).toBe(`http-${status}`);
  });

  it("classifies a 5xx with a non-JSON body as retryable", () => {
    expect(classifyTwilioError(restException(503, "upstream connect error"))).toEqual({
      retryable: true,
      code: "http-503",
      message: "HTTP 503 from Twilio: Service unavailable",
    });
  });

  it("classifies 429 (20429) as retryable http-429", () => {
    expect(classifyTwilioError(restException(429, twilioBody(429, 20429, "Too Many Requests")))).toEqual({
      retryable: true,
      code: "http-429",
      message: "HTTP 429 from Twilio: Too many requests",
    });
  });

  it("classifies 408 (request timeout) as retryable", () => {
    expect(classifyTwilioError(restException(408, "")).retryable).toBe(true);
  });

  it("classifies a 503 from the RFC 9457 exception as retryable", () => {
    const body = { type: "about:blank", title: "Service Unavailable", status: 503, code: 20503 };
    expect(classifyTwilioError(new TwilioServiceException({ statusCode: 503, body })).code).toBe("http-503");
  });
});

describe("classifyTwilioError: network errors", () => {
  it.each(["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EAI_AGAIN", "EPIPE"])(
    "classifies %s as retryable network-%s",
    (code) => {
      const result = classifyTwilioError(networkError(code, `${code} while sending to ${PHONE}`));
      expect(result.retryable).toBe(true);
      expect(result.code).toBe(`network-${code}`);
      expectNoPhi(result);
    },
  );

  it("classifies the library's request timeout (axios ECONNABORTED) as network-ETIMEDOUT", () => {
    expect(classifyTwilioError(networkError("ECONNABORTED", "timeout of 10000ms exceeded"))).toEqual({
      retryable: true,
      code: "network-ETIMEDOUT",
      message: "Request to Twilio timed out",
    });
  });

  it("classifies an abort that is not a timeout as retryable network-ECONNABORTED", () => {
    expect(classifyTwilioError(networkError("ECONNABORTED", "Request aborted")).code).toBe(
      "network-ECONNABORTED",
    );
  });

  it("finds a network code one cause deep (fetch-style errors)", () => {
    const error = new TypeError("fetch failed", { cause: networkError("ECONNRESET", "socket hang up") });
    expect(classifyTwilioError(error)).toMatchObject({ retryable: true, code: "network-ECONNRESET" });
  });

  it("classifies AbortError / TimeoutError without a code as a retryable timeout", () => {
    const error = Object.assign(new Error("The operation was aborted"), { name: "TimeoutError" });
    expect(classifyTwilioError(error)).toMatchObject({ retryable: true, code: "network-TIMEOUT" });
  });

  it("classifies other string codes (e.g. TLS) as permanent", () => {
    expect(classifyTwilioError(networkError("CERT_HAS_EXPIRED", "certificate has expired"))).toEqual({
      retryable: false,
      code: "error-CERT_HAS_EXPIRED",
      message: "Send failed before reaching Twilio (CERT_HAS_EXPIRED)",
    });
  });
});

describe("classifyTwilioError: anything else", () => {
  it.each([
    ["undefined", undefined],
    ["a string", `failed for ${PHONE}`],
    ["a plain Error", new Error(`accountSid must start with AC ${PHONE}`)],
    ["an out-of-range status", { status: 42, code: 21211 }],
  ])("classifies %s as a permanent unknown-error", (_label, error) => {
    const result = classifyTwilioError(error);
    expect(result).toEqual({ retryable: false, code: "unknown-error", message: "Unclassified send error" });
  });
});
