import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { jitsiClaims, mintJitsiToken, roomNameFor, type JitsiTokenInput } from "./jitsi";

const SECRET = "jitsi-app-secret-for-tests";
const startMs = Date.parse("2026-12-01T10:30:00Z");
const endMs = startMs + 30 * 60_000;
const room = roomNameFor("appt_123", "room-salt");

function input(moderator: boolean, overrides: Partial<JitsiTokenInput> = {}): JitsiTokenInput {
  return {
    appId: "arogya",
    appSecret: SECRET,
    domain: "meet.arogya.example",
    room,
    user: { id: moderator ? "d1" : "p1", moderator },
    notBefore: new Date(startMs - 10 * 60_000),
    expiresAt: new Date(endMs),
    ...overrides,
  };
}

/** Verified as prosody would: HS256 with the app secret, audience and issuer checked, at a time inside the window. */
function verify(token: string, secret = SECRET) {
  return jwt.verify(token, secret, {
    algorithms: ["HS256"],
    audience: "jitsi",
    issuer: "arogya",
    clockTimestamp: Math.floor(startMs / 1000),
  }) as jwt.JwtPayload;
}

describe("mintJitsiToken", () => {
  it("signs the claims prosody token auth expects; the doctor is moderator", () => {
    const claims = verify(
      mintJitsiToken(input(true, { user: { id: "d1", name: "Dr. A", moderator: true } })),
    );
    expect(claims).toMatchObject({
      aud: "jitsi",
      iss: "arogya",
      sub: "meet.arogya.example",
      room,
      nbf: Math.floor((startMs - 10 * 60_000) / 1000),
      exp: endMs / 1000,
      context: { user: { id: "d1", name: "Dr. A", moderator: "true", affiliation: "owner" } },
    });
  });

  it("the patient is not moderator, and no name is sent when none is given", () => {
    const claims = verify(mintJitsiToken(input(false)));
    expect(claims.context).toEqual({ user: { id: "p1", moderator: "false", affiliation: "member" } });
    expect(claims.exp).toBe(endMs / 1000);
  });

  it("uses HS256 and lowercases the domain (the sub claim is compared lowercase)", () => {
    const token = mintJitsiToken(input(false, { domain: "Meet.Arogya.Example" }));
    expect(jwt.decode(token, { complete: true })?.header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(verify(token).sub).toBe("meet.arogya.example");
  });

  it("fails verification with another secret, before nbf and after exp", () => {
    const token = mintJitsiToken(input(true));
    expect(() => verify(token, "another-secret")).toThrow(jwt.JsonWebTokenError);
    expect(() => jwt.verify(token, SECRET, { clockTimestamp: Math.floor(startMs / 1000) - 11 * 60 })).toThrow(
      jwt.NotBeforeError,
    );
    expect(() => jwt.verify(token, SECRET, { clockTimestamp: endMs / 1000 })).toThrow(jwt.TokenExpiredError);
  });

  it("refuses bad input", () => {
    expect(() => mintJitsiToken(input(true, { appSecret: "" }))).toThrow(/appSecret/);
    expect(() => jitsiClaims(input(true, { room: "Room With Spaces" }))).toThrow(/room/);
    expect(() => jitsiClaims(input(true, { expiresAt: new Date(startMs - 10 * 60_000) }))).toThrow(
      /expiresAt/,
    );
    expect(() => jitsiClaims(input(true, { expiresAt: new Date(Number.NaN) }))).toThrow(/expiresAt/);
  });
});

describe("roomNameFor", () => {
  it("is short, lowercase hex, stable per appointment and salt", () => {
    expect(room).toMatch(/^[0-9a-f]{24}$/);
    expect(roomNameFor("appt_123", "room-salt")).toBe(room);
  });
  it("changes with the appointment and with the salt, and does not contain the id", () => {
    expect(roomNameFor("appt_124", "room-salt")).not.toBe(room);
    expect(roomNameFor("appt_123", "other-salt")).not.toBe(room);
    expect(roomNameFor("abcdef", "room-salt")).not.toContain("abcdef");
  });
  it("needs a salt", () => {
    expect(() => roomNameFor("appt_123", "")).toThrow(/salt/);
  });
});
