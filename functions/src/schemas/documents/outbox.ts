import { z } from "zod";
import { languageSchema } from "../common";
import { storedIdSchema, timestampSchema } from "./stored";

/** What a message is about; each kind has its template (domain/notifications/templates.ts). */
export const MESSAGE_KINDS = [
  "appointment.booked",
  "appointment.rescheduled",
  "appointment.cancelled",
  "appointment.reminder",
  "prescription.ready",
  "phone.verification",
  /** To the doctor (services/notifications/clinicianMessages.ts): first name and initial, never a clinical detail. */
  "clinician.booked",
  "clinician.cancelled",
  "clinician.rescheduled",
  "clinician.reminder",
  "clinician.agenda",
  /** To a patient waiting in the video room whose doctor has not joined (handlers/consultations/closeConsultations.ts). */
  "consultation.doctorLate",
  "care.consent",
  // Schedules that change from the clinic's side (docs/schedule-changes.md).
  "appointment.proposed",
  "schedule.proposalAccepted",
  "schedule.proposalDeclined",
  "schedule.proposalExpired",
  "schedule.appointmentsChanged",
  // A patient's hold on medicines at a pharmacy (handlers/pharmacy/): the pharmacy's name and the
  // pickup time only, never the medicines.
  "reservation.confirmed",
  "reservation.declined",
  "reservation.lapsed",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The outbox state machine's states (domain/notifications/outbox.ts). `scheduled`: written to be
 * sent at `nextAttemptAt` (a clinician's quiet hours), then claimed like a due retry.
 */
export const outboxStateSchema = z.enum(["pending", "processing", "sent", "failed", "retry", "scheduled"]);
export type OutboxState = z.infer<typeof outboxStateSchema>;

/** outbox/{id}: an outbound message. The phone number and body are here only: never in logs. */
export const outboxDocSchema = z.object({
  kind: z.enum(MESSAGE_KINDS),
  channel: z.enum(["sms", "whatsapp"]),
  to: z.string(),
  recipientUid: storedIdSchema,
  language: languageSchema,
  body: z.string(),
  /** Sent even to an opted-out number (the clinic cancelled: the patient must know). */
  required: z.boolean(),
  appointmentId: z.string().nullable(),
  state: outboxStateSchema,
  attempts: z.number(),
  leaseUntil: timestampSchema.nullable(),
  leaseOwner: z.string().nullable(),
  nextAttemptAt: timestampSchema.nullable(),
  providerId: z.string().nullable(),
  providerStatus: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Twilio's error code of an undelivered message (status callback, handlers/http/twilioWebhooks.ts). */
  deliveryError: z.string().optional(),
  fallbackOf: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** TTL: outbox entries are removed a year after they were written. */
  expireAt: timestampSchema,
});
export type OutboxDoc = z.infer<typeof outboxDocSchema>;
