import { z } from "zod";
import {
  docIdSchema,
  idempotencyFields,
  idempotencyKeySchema,
  isoDateSchema,
  timezoneSchema,
} from "./common";
import { DAYS } from "./profiles";

/** A wall-clock time in the doctor's timezone; "24:00" closes a day. */
const wallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "must be a time written HH:MM");

export const wallIntervalSchema = z
  .strictObject({ start: wallTime, end: wallTime })
  .refine((i) => i.start < i.end, { message: "must start before it ends", path: ["end"] });
export type WallInterval = z.infer<typeof wallIntervalSchema>;

/** Intervals of one day: at most six, none overlapping. */
const dayIntervalsSchema = z
  .array(wallIntervalSchema)
  .max(6)
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i].start < sorted[i - 1].end) {
        ctx.addIssue({
          code: "custom",
          message: `intervals ${sorted[i - 1].start}-${sorted[i - 1].end} and ${sorted[i].start}-${sorted[i].end} overlap`,
        });
      }
    }
  });

export const CONSULTATION_MODES = ["video", "in_person"] as const;
export const consultationModeSchema = z.enum(CONSULTATION_MODES);
export type ConsultationMode = z.infer<typeof consultationModeSchema>;

/**
 * A doctor's availability, in their IANA timezone. Weekly rules give the usual hours; a date
 * exception replaces that day's hours (an empty list is a day off, more hours are extra
 * hours); leave ranges take whole days off. Availability is readable by every signed-in user,
 * notes included: they are for patients ("Gurpurab", "Annual leave"), never personal reasons.
 */
export const availabilitySchema = z.strictObject({
  timezone: timezoneSchema,
  slotMinutes: z.number().int().min(5).max(240),
  bufferBeforeMinutes: z.number().int().min(0).max(120).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(120).default(0),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(14 * 24 * 60)
    .default(60),
  horizonDays: z.number().int().min(1).max(180).default(30),
  modes: z
    .array(consultationModeSchema)
    .min(1)
    .max(2)
    .refine((m) => new Set(m).size === m.length, "lists a mode twice"),
  weekly: z.partialRecord(z.enum(DAYS), dayIntervalsSchema),
  exceptions: z
    .array(
      z.strictObject({
        date: isoDateSchema,
        intervals: dayIntervalsSchema,
        note: z.string().max(200).optional(),
      }),
    )
    .max(366)
    .default([])
    .refine(
      (list) => new Set(list.map((e) => e.date)).size === list.length,
      "has two exceptions for the same date",
    ),
  leave: z
    .array(
      z
        .strictObject({ from: isoDateSchema, to: isoDateSchema, note: z.string().max(200).optional() })
        .refine((l) => l.from <= l.to, { message: "must not end before it starts", path: ["to"] }),
    )
    .max(50)
    .default([]),
});
export type Availability = z.infer<typeof availabilitySchema>;

const instantSchema = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 instant such as 2026-12-01T04:00:00Z",
});

export const listSlotsRequestSchema = z
  .strictObject({ doctorUid: docIdSchema, from: instantSchema, to: instantSchema })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: "must be after from", path: ["to"] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 31 * 24 * 3600 * 1000, {
    message: "a range of at most 31 days",
    path: ["to"],
  });

export { instantSchema };

/**
 * The patient a health worker or a family account's holder acts for (issue 15): the actor stays the
 * caller, the change is the patient's, and the audit says "by the caller on behalf of the patient".
 */
export const onBehalfOfSchema = docIdSchema.optional();

export const bookRequestSchema = z.strictObject({
  doctorUid: docIdSchema,
  start: instantSchema,
  mode: consultationModeSchema,
  ...idempotencyFields,
  onBehalfOf: onBehalfOfSchema,
});
export type BookRequest = z.infer<typeof bookRequestSchema>;

export const rescheduleRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  start: instantSchema,
  ...idempotencyFields,
  onBehalfOf: onBehalfOfSchema,
});

export const cancelRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  reason: z.string().trim().min(3).max(500).optional(),
  onBehalfOf: onBehalfOfSchema,
});

export const recordOutcomeRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  status: z.enum(["completed", "no_show"]),
  reason: z.string().trim().min(3).max(500).optional(),
});
export type SetAvailabilityRequest = z.infer<typeof setAvailabilityRequestSchema>;
export type ListSlotsRequest = z.infer<typeof listSlotsRequestSchema>;
export type RescheduleRequest = z.infer<typeof rescheduleRequestSchema>;
export type CancelRequest = z.infer<typeof cancelRequestSchema>;
export type RecordOutcomeRequest = z.infer<typeof recordOutcomeRequestSchema>;

/** nextAvailable: the earliest slots of a specialty in a language, across approved doctors. */
export const nextAvailableRequestSchema = z.strictObject({
  /** As doctors write it on their profile, e.g. "General medicine". */
  specialty: z.string().trim().min(2).max(60),
  /** A language the doctor speaks: a two-letter code, e.g. "pa". */
  language: z.string().regex(/^[a-z]{2}$/, "must be a two-letter language code"),
  limit: z.number().int().min(1).max(10).default(3),
  /** Only slots offering this mode; both when absent (video first). */
  mode: consultationModeSchema.optional(),
});
export type NextAvailableRequest = z.infer<typeof nextAvailableRequestSchema>;

/** Moved to ./common (shared by every area); kept here for existing imports. */
export { idempotencyKeySchema } from "./common";
// ---- schedules that change from the clinic's side (docs/schedule-changes.md) ----------------

export const proposeTimeRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  start: instantSchema,
  /** Shown to the patient in the app, never in a message. */
  reason: z.string().trim().min(3).max(500).optional(),
});
export type ProposeTimeRequest = z.infer<typeof proposeTimeRequestSchema>;

export const answerProposalRequestSchema = z.strictObject({
  appointmentId: docIdSchema,
  accept: z.boolean(),
  idempotencyKey: idempotencyKeySchema.optional(),
  /** A health worker or a family account's holder answers for the patient (issue 15). */
  onBehalfOf: onBehalfOfSchema,
});
export type AnswerProposalRequest = z.infer<typeof answerProposalRequestSchema>;

/**
 * What the caller acknowledges about the booked appointments a change affects: exactly the ids a
 * preview (`dryRun: true`) listed (any difference is refused: the list changed), the reason kept
 * on each (never in a message), and for some of them a new time to propose instead of cancelling.
 */
export const affectedAppointmentsSchema = z.strictObject({
  confirm: z.array(docIdSchema).max(500),
  reason: z.string().trim().min(3).max(500),
  propose: z.record(docIdSchema, instantSchema).optional(),
});
export type AffectedAppointments = z.infer<typeof affectedAppointmentsSchema>;

export const setAvailabilityRequestSchema = z.strictObject({
  doctorUid: docIdSchema,
  availability: availabilitySchema,
  /** Only list the booked appointments this availability would affect; nothing is written. */
  dryRun: z.boolean().optional(),
  /** Required when booked appointments are affected (affectedAppointmentsSchema). */
  affected: affectedAppointmentsSchema.optional(),
});
