import {
  jitsiAppId,
  jitsiAppSecret,
  jitsiDomain,
  twilioAccountSid,
  twilioApiKeySecret,
  twilioApiKeySid,
  videoRoomSalt,
} from "./params";

/** What minting video tokens needs (services/consultations/videoTokens.ts). */
export interface VideoConfig {
  roomSalt: string;
  jitsi: { appId: string; appSecret: string; domain: string };
  twilio: { accountSid: string; apiKeySid: string; apiKeySecret: string };
}

/** Only joining mints tokens, so only joinConsultation is bound to these secrets. */
export const VIDEO_SECRETS = [jitsiAppSecret, twilioAccountSid, twilioApiKeySecret, videoRoomSalt];

/** The video configuration, read from params and the secrets bound to the function. */
export function videoConfig(): VideoConfig {
  return {
    roomSalt: videoRoomSalt.value(),
    jitsi: { appId: jitsiAppId.value(), appSecret: jitsiAppSecret.value(), domain: jitsiDomain.value() },
    twilio: {
      accountSid: twilioAccountSid.value(),
      apiKeySid: twilioApiKeySid.value(),
      apiKeySecret: twilioApiKeySecret.value(),
    },
  };
}
