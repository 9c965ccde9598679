import { z } from "zod";
import { appointmentStatusSchema } from "../documents/appointment";
import { sessionStatusSchema } from "../documents/consultations";

/** What `joinConsultation` answers. */
export const joinConsultationResponseSchema = z.strictObject({
  status: sessionStatusSchema,
  role: z.enum(["patient", "doctor"]),
  jitsi: z.strictObject({ domain: z.string(), room: z.string(), token: z.string() }).optional(),
  twilio: z.strictObject({ room: z.string(), identity: z.string(), token: z.string() }).optional(),
});

/** What `leaveConsultation` answers. */
export const leaveConsultationResponseSchema = z.strictObject({
  status: sessionStatusSchema,
});

/** What `startConsultation` answers. */
export const startConsultationResponseSchema = z.strictObject({
  status: sessionStatusSchema,
});

/** What `endConsultation` answers. */
export const endConsultationResponseSchema = z.strictObject({
  status: sessionStatusSchema,
  appointmentStatus: appointmentStatusSchema,
});
