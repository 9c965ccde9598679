import { createHmac } from "node:crypto";
import type * as JsonWebToken from "jsonwebtoken";

/**
 * Tokens for a self-hosted Jitsi Meet with prosody token authentication (`authentication =
 * "token"`, `app_id` / `app_secret`, and `token_verification` on the MUC component), as described
 * in lib-jitsi-meet's doc/tokens.md:
 *
 * - `aud` "jitsi" (must be in prosody's `asap_accepted_audiences`), `iss` the app id (in
 *   `asap_accepted_issuers`), `sub` the lowercase domain (or tenant), `room` the bare room name;
 * - `nbf` and `exp` in seconds; HS256 with the app secret;
 * - `context.user`: `id`, optional `name`, and the moderator flag. The flag is the *string*
 *   "true" / "false": that is 8x8 JaaS's documented form, lib-jitsi-meet warns that every
 *   `context.user` field must be a string (other types raise in mod_presence_identity), and the
 *   jitsi-contrib plugins (token_affiliation, token_owner_party, token_lobby_bypass) accept both
 *   `"true"` and `true`. `affiliation` ("owner" / "member") is set too, which those plugins read
 *   first.
 *
 * No email or avatar is put in the token; `name` is whatever display name the caller chooses.
 */
export interface JitsiTokenInput {
  appId: string;
  appSecret: string;
  /** The Jitsi domain (or tenant) the token is for; the `sub` claim. */
  domain: string;
  /** The bare room name (roomNameFor), not the MUC address. */
  room: string;
  user: { id: string; name?: string; moderator: boolean };
  notBefore: Date;
  expiresAt: Date;
}

export interface JitsiClaims {
  aud: "jitsi";
  iss: string;
  sub: string;
  room: string;
  nbf: number;
  exp: number;
  context: {
    user: { id: string; name?: string; moderator: "true" | "false"; affiliation: "owner" | "member" };
  };
}

const ROOM = /^[a-z0-9][a-z0-9-]{0,127}$/;

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The claims mintJitsiToken signs (exported for tests and for logging-free inspection). */
export function jitsiClaims(input: JitsiTokenInput): JitsiClaims {
  if (input.appId === "") throw new Error("Jitsi token: appId is empty");
  if (input.domain.trim() === "") throw new Error("Jitsi token: domain is empty");
  if (!ROOM.test(input.room))
    throw new Error("Jitsi token: room must be lowercase letters, digits and dashes");
  if (input.user.id === "") throw new Error("Jitsi token: user id is empty");
  const nbf = seconds(input.notBefore);
  const exp = seconds(input.expiresAt);
  if (!Number.isFinite(nbf) || !Number.isFinite(exp) || exp <= nbf)
    throw new Error("Jitsi token: expiresAt must be after notBefore");
  return {
    aud: "jitsi",
    iss: input.appId,
    sub: input.domain.trim().toLowerCase(),
    room: input.room,
    nbf,
    exp,
    context: {
      user: {
        id: input.user.id,
        ...(input.user.name !== undefined && input.user.name !== "" ? { name: input.user.name } : {}),
        moderator: input.user.moderator ? "true" : "false",
        affiliation: input.user.moderator ? "owner" : "member",
      },
    },
  };
}

export function mintJitsiToken(input: JitsiTokenInput): string {
  if (input.appSecret === "") throw new Error("Jitsi token: appSecret is empty");
  const claims = jitsiClaims(input);
  // Lazy like the twilio adapter: only instances that mint tokens load the library.
  const jwt = require("jsonwebtoken") as typeof JsonWebToken;
  return jwt.sign(claims, input.appSecret, { algorithm: "HS256", header: { alg: "HS256", typ: "JWT" } });
}

/**
 * The Jitsi room of an appointment: 24 hex characters (96 bits) of HMAC-SHA256(salt,
 * appointmentId). It reveals nothing about the patient, doctor or appointment, cannot be
 * reversed or guessed without the salt (a secret), and is stable for the appointment.
 */
export function roomNameFor(appointmentId: string, salt: string): string {
  if (salt === "") throw new Error("roomNameFor: salt is empty");
  if (appointmentId === "") throw new Error("roomNameFor: appointmentId is empty");
  return createHmac("sha256", salt).update(`consultation-room:${appointmentId}`).digest("hex").slice(0, 24);
}
