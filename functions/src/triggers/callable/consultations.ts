import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { onSchedule } from "firebase-functions/v2/scheduler";
import {
  jitsiAppId,
  jitsiAppSecret,
  jitsiDomain,
  twilioAccountSid,
  twilioApiKeySecret,
  twilioApiKeySid,
  videoRoomSalt,
} from "../../config/params";
import { endConsultation } from "../../handlers/consultations/endConsultation";
import { joinConsultation } from "../../handlers/consultations/joinConsultation";
import { leaveConsultation } from "../../handlers/consultations/leaveConsultation";
import { markNoShows } from "../../handlers/consultations/markNoShows";
import { startConsultation } from "../../handlers/consultations/startConsultation";
import type { VideoConfig } from "../../handlers/consultations/videoTokens";

/** Only joining mints tokens, so only it is bound to the video secrets. */
const video = (): VideoConfig => ({
  roomSalt: videoRoomSalt.value(),
  jitsi: { appId: jitsiAppId.value(), appSecret: jitsiAppSecret.value(), domain: jitsiDomain.value() },
  twilio: {
    accountSid: twilioAccountSid.value(),
    apiKeySid: twilioApiKeySid.value(),
    apiKeySecret: twilioApiKeySecret.value(),
  },
});

export const joinConsultationFn = onCall(
  {
    ...appCheckFor("joinConsultation"),
    secrets: [jitsiAppSecret, twilioAccountSid, twilioApiKeySecret, videoRoomSalt],
  },
  (request) => joinConsultation(request, { video }),
);
export const leaveConsultationFn = onCall({ ...appCheckFor("leaveConsultation") }, (request) =>
  leaveConsultation(request),
);
export const startConsultationFn = onCall({ ...appCheckFor("startConsultation") }, (request) =>
  startConsultation(request),
);
export const endConsultationFn = onCall({ ...appCheckFor("endConsultation") }, (request) =>
  endConsultation(request),
);

/** Video appointments nobody (or one side) attended, 15 minutes after their start. */
export const markNoShowsEveryFiveMinutes = onSchedule({ schedule: "every 5 minutes" }, async () => {
  await markNoShows(new Date());
});
