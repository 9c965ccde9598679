import type TwilioSdk from "twilio";

export interface TwilioVideoTokenInput {
  accountSid: string;
  /** An API key (SK…) of the account; its secret signs the token. */
  apiKeySid: string;
  apiKeySecret: string;
  /** The user's uid: no name, phone number or email goes to Twilio. */
  identity: string;
  /** The room's unique name (e.g. roomNameFor) or its RM… sid. */
  room: string;
  /** Lifetime from now; Twilio accepts at most 24 hours. */
  ttlSeconds: number;
}

const MAX_TTL_SECONDS = 24 * 3600;

/**
 * An access token for one Twilio Video room (HS256, signed with the API key secret by the
 * library's AccessToken, which also stamps iat/exp from the clock). The `twilio` library is
 * required here, on the first mint, not at module load (cold starts).
 */
export function mintTwilioVideoToken(input: TwilioVideoTokenInput): string {
  if (!input.accountSid.startsWith("AC"))
    throw new Error("Twilio Video token: accountSid must start with AC");
  if (!input.apiKeySid.startsWith("SK")) throw new Error("Twilio Video token: apiKeySid must start with SK");
  if (input.apiKeySecret === "") throw new Error("Twilio Video token: apiKeySecret is empty");
  if (input.identity === "") throw new Error("Twilio Video token: identity is empty");
  if (input.room === "") throw new Error("Twilio Video token: room is empty");
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0 || input.ttlSeconds > MAX_TTL_SECONDS) {
    throw new Error("Twilio Video token: ttlSeconds must be a whole number of seconds, at most 24 hours");
  }
  const sdk = require("twilio") as typeof TwilioSdk;
  const { AccessToken } = sdk.jwt;
  const token = new AccessToken(input.accountSid, input.apiKeySid, input.apiKeySecret, {
    identity: input.identity,
    ttl: input.ttlSeconds,
  });
  token.addGrant(new AccessToken.VideoGrant({ room: input.room }));
  return token.toJwt();
}
