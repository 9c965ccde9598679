import { z } from "zod";
import { consultationModeSchema } from "../scheduling";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * appointments/{id}: ids and times, and the patient card (name, sex, age: docs/patient-chart.md);
 * no notes, dates of birth or phone numbers.
 */
export const APPOINTMENT_STATUSES = ["booked", "cancelled", "completed", "no_show"] as const;
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

/** Who never joined a video consultation. */
export const absentSchema = z.enum(["doctor", "patient", "both"]);

export const appointmentEventSchema = z.object({
  event: z.enum(["booked", "rescheduled", "cancelled", "completed", "no_show"]),
  at: timestampSchema,
  by: z.string(),
  role: z.string(),
  /** The patient `by` acted for (a health worker, a family account's holder: issue 15). */
  onBehalfOf: z.string().optional(),
  reason: z.string().optional(),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  /** no_show recorded by the system: who never joined the video consultation. */
  absent: absentSchema.optional(),
});
export type AppointmentEvent = z.infer<typeof appointmentEventSchema>;

/**
 * A new time proposed by the clinic (handlers/booking/proposeTime.ts, domain/booking/proposals.ts),
 * the latest one: `open` until the patient accepts (the appointment moved), declines (cancelled),
 * the deadline passes (cancelled by the expiry run) or the appointment moves or closes another way
 * (`withdrawn`). `openUntil` is the deadline while open and null after, so that the expiry run's
 * query (openUntil <= now) finds open proposals only. `round` counts the appointment's proposals
 * (message ids are unique per proposal).
 */
export const proposalSchema = z.object({
  from: timestampSchema,
  to: timestampSchema,
  end: timestampSchema,
  status: z.enum(["open", "accepted", "declined", "expired", "withdrawn"]),
  expiresAt: timestampSchema,
  openUntil: timestampSchema.nullable(),
  by: z.string(),
  role: z.string(),
  /** Shown to the patient in the app (never in a message): why the clinic asks. */
  reason: z.string().optional(),
  /** The schedule change (leave, suspension…) that made it, if any (scheduleChanges/{id}). */
  changeId: z.string().optional(),
  round: z.number().int().min(1),
  proposedAt: timestampSchema,
  answeredAt: timestampSchema.nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const appointmentDocSchema = z.object({
  patientUid: storedIdSchema,
  doctorUid: storedIdSchema,
  org: storedIdSchema,
  start: timestampSchema,
  end: timestampSchema,
  timezone: z.string(),
  mode: consultationModeSchema,
  status: appointmentStatusSchema,
  slotLockId: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  history: z.array(appointmentEventSchema),
  /**
   * When the appointment's reminders must exist by: booking sets it to the first reminder's due
   * time instead of writing them; the reminder run writes them then and clears it
   * (handlers/notifications/reminders.ts). Null or absent: they exist (or none is planned).
   */
  nextReminderAt: timestampSchema.nullable().optional(),
  /**
   * The offset (minutes before the start) of the next reminder to send, once a reminder run has
   * sent, deferred or failed one; absent: the one due at `nextReminderAt` (as booked or moved).
   * The reminders still to send are the plan's offsets up to it (domain/notifications/outbox.ts).
   */
  reminderOffset: z.number().int().min(0).optional(),
  /**
   * What the reminders say besides the appointment's own fields, so that a reminder run reads
   * only the appointment and the patient's contact: the doctor's name, and the language and
   * channel on the patient's profile. Written with the confirmation (read there anyway,
   * handlers/booking/confirmBooking.ts); language and channel kept current by the profile
   * trigger (handlers/chart/refreshPatientCards.ts). Absent: the run reads the two profiles.
   */
  reminderContext: z
    .object({
      doctorName: z.string(),
      language: z.string().optional(),
      notifyBy: z.enum(["sms", "whatsapp"]).optional(),
    })
    .optional(),
  /**
   * The booking confirmation: `pending` until the appointment-created trigger enqueues it
   * (`queued`) or finds nobody to send it to (`none`); absent on appointments booked before.
   */
  confirmation: z.enum(["pending", "queued", "none"]).optional(),
  /**
   * Where `book` was called from (the request's IP and user agent), kept only until the
   * appointment-created trigger has written the booking's audit entry (handlers/booking/
   * confirmBooking.ts), which removes it: the audit log keeps the origin, not the appointment.
   * Who booked, and for whom, is the history's `booked` entry.
   */
  bookedFrom: z.object({ ip: z.string().optional(), userAgent: z.string().optional() }).optional(),
  /** Failed attempts to write its reminders, and the last error's code (no PHI). */
  reminderAttempts: z.number().int().min(0).optional(),
  reminderError: z.string().optional(),
  /** The patient confirmed they will attend (an SMS reply 1, or the voice line): when. */
  attendanceConfirmedAt: timestampSchema.optional(),
  /** A video consultation nobody (or one side) attended (handlers/consultations/markNoShows.ts). */
  noShow: z.object({ absent: absentSchema, at: timestampSchema }).optional(),
  /**
   * The patient's card, so a doctor's day is one query (domain/patients/card.ts): name, sex and
   * age on the visit's day. Written at booking, kept current when the patient edits their profile,
   * removed when the account is deleted; absent without a profile.
   */
  patient: z.object({ name: z.string(), sex: z.string(), age: z.number().int().nullable() }).optional(),
  /** The latest new time proposed by the clinic (proposalSchema). */
  proposal: proposalSchema.optional(),
});
export type AppointmentDoc = z.infer<typeof appointmentDocSchema>;
