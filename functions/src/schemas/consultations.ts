import { z } from "zod";
import { docIdSchema } from "./common";

/** leaveConsultation, startConsultation, endConsultation: the appointment whose consultation it is. */
export const consultationRequestSchema = z.strictObject({ appointmentId: docIdSchema });
export type ConsultationRequest = z.infer<typeof consultationRequestSchema>;

export const VIDEO_PROVIDERS = ["jitsi", "twilio", "both"] as const;

/** joinConsultation: which provider's token the client wants (both by default, so it can fall back). */
export const joinConsultationRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  provider: z.enum(VIDEO_PROVIDERS).default("both"),
});
export type JoinConsultationRequest = z.infer<typeof joinConsultationRequestSchema>;
