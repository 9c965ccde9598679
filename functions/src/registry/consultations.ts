import { VIDEO_SECRETS } from "../config/video";
import { consultationCallable } from "./areas";

/** Video consultations: handlers/consultations/ (no-shows are marked by triggers/scheduled/markNoShows.ts). */
export const CONSULTATION_CALLABLES = [
  consultationCallable({
    name: "joinConsultation",
    summary:
      "Joins the appointment's video consultation (creating it on the first join) and returns Jitsi and/or Twilio tokens valid until its end.",
    who: "the appointment's patient and doctor, from shortly before the start until the end",
    rateLimit: "videoToken",
    secrets: VIDEO_SECRETS,
    handler: () => import("../handlers/consultations/joinConsultation").then((m) => m.joinConsultation),
  }),
  consultationCallable({
    name: "leaveConsultation",
    summary: "Leaves the call; the session keeps its status, so a dropped call can resume.",
    who: "the appointment's patient and doctor",
    request: "consultationRequestSchema",
    handler: () => import("../handlers/consultations/leaveConsultation").then((m) => m.leaveConsultation),
  }),
  consultationCallable({
    name: "startConsultation",
    summary: "Starts the consultation while the patient's connection is down (the patient joined once).",
    who: "the appointment's doctor",
    request: "consultationRequestSchema",
    handler: () => import("../handlers/consultations/startConsultation").then((m) => m.startConsultation),
  }),
  consultationCallable({
    name: "endConsultation",
    summary: "Ends the consultation and records the appointment as completed.",
    who: "the appointment's doctor",
    request: "consultationRequestSchema",
    handler: () => import("../handlers/consultations/endConsultation").then((m) => m.endConsultation),
  }),
] as const;
