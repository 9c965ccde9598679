import { z } from "zod";
import { docIdSchema } from "./common";

/** leaveConsultation, startConsultation, endConsultation: the appointment whose consultation it is. */
export const consultationRequestSchema = z.object({ appointmentId: docIdSchema }).strict();
export type ConsultationRequest = z.infer<typeof consultationRequestSchema>;

export const VIDEO_PROVIDERS = ["jitsi", "twilio", "both"] as const;

/** joinConsultation: which provider's token the client wants (both by default, so it can fall back). */
export const joinConsultationRequestSchema = z
  .object({ appointmentId: docIdSchema, provider: z.enum(VIDEO_PROVIDERS).default("both") })
  .strict();
export type JoinConsultationRequest = z.infer<typeof joinConsultationRequestSchema>;
