import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { mintTwilioVideoToken, type TwilioVideoTokenInput } from "./twilioVideo";

const ACCOUNT_SID = `AC${"1f".repeat(16)}`;
const API_KEY_SID = `SK${"2e".repeat(16)}`;
const API_KEY_SECRET = "api-key-secret-for-tests";

function input(overrides: Partial<TwilioVideoTokenInput> = {}): TwilioVideoTokenInput {
  return {
    accountSid: ACCOUNT_SID,
    apiKeySid: API_KEY_SID,
    apiKeySecret: API_KEY_SECRET,
    identity: "uid_patient_1",
    room: "3f2a9c0d1b7e4a5f6c8d9e0a",
    ttlSeconds: 1800,
    ...overrides,
  };
}

describe("mintTwilioVideoToken", () => {
  it("is a token signed with the API key secret, for one room and the uid as identity", () => {
    const claims = jwt.verify(mintTwilioVideoToken(input()), API_KEY_SECRET, {
      algorithms: ["HS256"],
    }) as jwt.JwtPayload;
    expect(claims.grants).toEqual({ identity: "uid_patient_1", video: { room: "3f2a9c0d1b7e4a5f6c8d9e0a" } });
    expect(claims.iss).toBe(API_KEY_SID);
    expect(claims.sub).toBe(ACCOUNT_SID);
    expect(claims.exp! - claims.iat!).toBe(1800);
  });

  it("carries Twilio's content type header", () => {
    expect(jwt.decode(mintTwilioVideoToken(input()), { complete: true })?.header).toMatchObject({
      alg: "HS256",
      cty: "twilio-fpa;v=1",
    });
  });

  it("fails verification with another secret", () => {
    expect(() => jwt.verify(mintTwilioVideoToken(input()), "another-secret")).toThrow(jwt.JsonWebTokenError);
  });

  it("refuses bad configuration and lifetimes", () => {
    expect(() => mintTwilioVideoToken(input({ accountSid: "XX1" }))).toThrow(/accountSid/);
    expect(() => mintTwilioVideoToken(input({ apiKeySid: ACCOUNT_SID }))).toThrow(/apiKeySid/);
    expect(() => mintTwilioVideoToken(input({ apiKeySecret: "" }))).toThrow(/apiKeySecret/);
    expect(() => mintTwilioVideoToken(input({ identity: "" }))).toThrow(/identity/);
    expect(() => mintTwilioVideoToken(input({ room: "" }))).toThrow(/room/);
    for (const ttlSeconds of [0, -1, 1.5, 24 * 3600 + 1])
      expect(() => mintTwilioVideoToken(input({ ttlSeconds }))).toThrow(/ttlSeconds/);
  });
});
