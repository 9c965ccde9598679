import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { roomNameFor } from "../../adapters/video/jitsi";
import { videoTokens, type VideoConfig } from "./videoTokens";

const config: VideoConfig = {
  roomSalt: "salt-for-tests",
  jitsi: { appId: "arogya-test", appSecret: "jitsi-secret-for-tests", domain: "Meet.Arogya.Example" },
  twilio: {
    accountSid: `AC${"1f".repeat(16)}`,
    apiKeySid: `SK${"2e".repeat(16)}`,
    apiKeySecret: "twilio-secret-for-tests",
  },
};
const now = Date.now();
const who = (role: "doctor" | "patient") => ({
  appointmentId: "appt-1",
  uid: role === "doctor" ? "d1" : "p1",
  role,
  notBeforeMs: now - 15 * 60_000,
  expiresAtMs: Math.ceil((now + 25 * 60_000) / 1000) * 1000,
});

describe("videoTokens", () => {
  it("both providers by default, one room, the uid as identity, valid until the end", () => {
    const tokens = videoTokens(config, "both", who("patient"), now);
    const room = roomNameFor("appt-1", config.roomSalt);
    expect(tokens.jitsi).toMatchObject({ domain: "meet.arogya.example", room });
    expect(tokens.twilio).toMatchObject({ room, identity: "p1" });
    const j = jwt.verify(tokens.jitsi!.token, config.jitsi.appSecret, {
      audience: "jitsi",
      issuer: "arogya-test",
    }) as jwt.JwtPayload;
    expect(j).toMatchObject({
      room,
      exp: who("patient").expiresAtMs / 1000,
      context: { user: { id: "p1", moderator: "false" } },
    });
    const t = jwt.verify(tokens.twilio!.token, config.twilio.apiKeySecret) as jwt.JwtPayload;
    expect(t.grants).toEqual({ identity: "p1", video: { room } });
    expect(Math.abs(t.exp! - who("patient").expiresAtMs / 1000)).toBeLessThanOrEqual(1);
  });

  it("the doctor moderates Jitsi; a single provider mints only its token", () => {
    const jitsiOnly = videoTokens(config, "jitsi", who("doctor"), now);
    expect(jitsiOnly.twilio).toBeUndefined();
    expect((jwt.decode(jitsiOnly.jitsi!.token) as jwt.JwtPayload).context.user.moderator).toBe("true");
    const twilioOnly = videoTokens(config, "twilio", who("doctor"), now);
    expect(twilioOnly.jitsi).toBeUndefined();
    expect(twilioOnly.twilio?.identity).toBe("d1");
  });

  it("a missing secret is an error, not an unsigned token", () => {
    expect(() => videoTokens({ ...config, roomSalt: "" }, "both", who("doctor"), now)).toThrow(/salt/);
    expect(() =>
      videoTokens({ ...config, jitsi: { ...config.jitsi, appSecret: "" } }, "jitsi", who("doctor"), now),
    ).toThrow(/appSecret/);
  });
});
