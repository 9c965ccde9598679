import { z } from "zod";
import { storedIdSchema, timestampSchema } from "./stored";

/** What an alert is about. */
export const ALERT_KINDS = ["consultation.doctorLate"] as const;

/**
 * alerts/{kind}_{appointmentId}: something the admins of a clinic must act on, written by the
 * functions only and read by the admins of `org` (firestore.rules), e.g. in the console. Ids and
 * times only: the admin opens the appointment to see more. The id makes one alert per event.
 */
export const alertDocSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  org: storedIdSchema,
  appointmentId: storedIdSchema,
  doctorUid: storedIdSchema,
  /** The consultation's scheduled start. */
  start: timestampSchema,
  createdAt: timestampSchema,
  /** TTL: removed 90 days after it was raised. */
  expireAt: timestampSchema,
});
export type AlertDoc = z.infer<typeof alertDocSchema>;
