import { VIDEO_SECRETS } from "../config/video";
import { defineCallable } from "./define";

/** Video consultations: handlers/consultations/ (no-shows are marked by triggers/scheduled/markNoShows.ts). */
export const CONSULTATION_CALLABLES = [
  defineCallable({
    name: "joinConsultation",
    summary:
      "Joins the appointment's video consultation (creating it on the first join) and returns Jitsi and/or Twilio tokens valid until its end.",
    who: "the appointment's patient and doctor, from shortly before the start until the end",
    request: () => import("../schemas/consultations").then((m) => m.joinConsultationRequestSchema),
    rateLimit: "videoToken",
    secrets: VIDEO_SECRETS,
    response: () =>
      import("../schemas/responses/consultations").then((m) => m.joinConsultationResponseSchema),
    handler: () => import("../handlers/consultations/joinConsultation").then((m) => m.joinConsultation),
  }),
  defineCallable({
    name: "leaveConsultation",
    summary: "Leaves the call; the session keeps its status, so a dropped call can resume.",
    who: "the appointment's patient and doctor",
    request: () => import("../schemas/consultations").then((m) => m.consultationRequestSchema),
    response: () =>
      import("../schemas/responses/consultations").then((m) => m.leaveConsultationResponseSchema),
    handler: () => import("../handlers/consultations/leaveConsultation").then((m) => m.leaveConsultation),
  }),
  defineCallable({
    name: "startConsultation",
    summary: "Starts the consultation while the patient's connection is down (the patient joined once).",
    who: "the appointment's doctor",
    request: () => import("../schemas/consultations").then((m) => m.consultationRequestSchema),
    response: () =>
      import("../schemas/responses/consultations").then((m) => m.startConsultationResponseSchema),
    handler: () => import("../handlers/consultations/startConsultation").then((m) => m.startConsultation),
  }),
  defineCallable({
    name: "endConsultation",
    summary: "Ends the consultation and records the appointment as completed.",
    who: "the appointment's doctor",
    request: () => import("../schemas/consultations").then((m) => m.consultationRequestSchema),
    response: () => import("../schemas/responses/consultations").then((m) => m.endConsultationResponseSchema),
    handler: () => import("../handlers/consultations/endConsultation").then((m) => m.endConsultation),
  }),
] as const;
