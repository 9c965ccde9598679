import { mintJitsiToken, roomNameFor } from "../../adapters/video/jitsi";
import { mintTwilioVideoToken } from "../../adapters/video/twilioVideo";
import type { VideoConfig } from "../../config/video";
import type { Role } from "../../domain/consultations/session";

export type { VideoConfig };

export type VideoProvider = "jitsi" | "twilio" | "both";

export interface VideoTokens {
  jitsi?: { domain: string; room: string; token: string };
  twilio?: { room: string; identity: string; token: string };
}

const MAX_TWILIO_TTL_SECONDS = 24 * 3600;

/**
 * Tokens for one participant, valid until the appointment's end. The room is the same for both
 * providers (an HMAC of the appointment id under the salt); the identity is the uid, never a
 * name. The doctor is the Jitsi moderator.
 */
export function videoTokens(
  config: VideoConfig,
  provider: VideoProvider,
  who: { appointmentId: string; uid: string; role: Role; notBeforeMs: number; expiresAtMs: number },
  /** The real clock at minting: Twilio's library stamps `iat` from it and counts the lifetime from there. */
  mintedAtMs: number,
): VideoTokens {
  const room = roomNameFor(who.appointmentId, config.roomSalt);
  const tokens: VideoTokens = {};
  if (provider !== "twilio") {
    const domain = config.jitsi.domain.trim().toLowerCase();
    tokens.jitsi = {
      domain,
      room,
      token: mintJitsiToken({
        appId: config.jitsi.appId,
        appSecret: config.jitsi.appSecret,
        domain,
        room,
        user: { id: who.uid, moderator: who.role === "doctor" },
        notBefore: new Date(who.notBeforeMs),
        expiresAt: new Date(who.expiresAtMs),
      }),
    };
  }
  if (provider !== "jitsi") {
    // exp = iat + ttl, with iat the whole second of minting: expires at the end (at least a second).
    const ttlSeconds = Math.min(
      MAX_TWILIO_TTL_SECONDS,
      Math.max(1, Math.ceil(who.expiresAtMs / 1000) - Math.floor(mintedAtMs / 1000)),
    );
    tokens.twilio = {
      room,
      identity: who.uid,
      token: mintTwilioVideoToken({ ...config.twilio, identity: who.uid, room, ttlSeconds }),
    };
  }
  return tokens;
}
