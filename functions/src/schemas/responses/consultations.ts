import { z } from "zod";

/** What `joinConsultation` answers. */
export const joinConsultationResponseSchema = z.strictObject({
  status: z.enum(["no_show", "created", "waiting", "in_progress", "ended"]),
  role: z.enum(["patient", "doctor"]),
  jitsi: z.strictObject({ domain: z.string(), room: z.string(), token: z.string() }).optional(),
  twilio: z.strictObject({ room: z.string(), identity: z.string(), token: z.string() }).optional(),
});

/** What `leaveConsultation` answers. */
export const leaveConsultationResponseSchema = z.strictObject({
  status: z.enum(["no_show", "created", "waiting", "in_progress", "ended"]),
});

/** What `startConsultation` answers. */
export const startConsultationResponseSchema = z.strictObject({
  status: z.enum(["no_show", "created", "waiting", "in_progress", "ended"]),
});

/** What `endConsultation` answers. */
export const endConsultationResponseSchema = z.strictObject({
  status: z.enum(["no_show", "created", "waiting", "in_progress", "ended"]),
  appointmentStatus: z.enum(["booked", "cancelled", "completed", "no_show"]),
});
