import { z } from "zod";
import { appointmentStatusSchema } from "../documents/appointment";
import { consultationModeSchema } from "../scheduling";
import { calendarDate, instant } from "./common";

/** An appointment as booking answers it: instants, and the doctor's wall time beside them. */
export const appointmentViewSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: instant,
  end: instant,
  timezone: z.string(),
  localDate: calendarDate,
  localTime: z.string(),
  mode: consultationModeSchema,
  status: appointmentStatusSchema,
});

/** A booking a schedule change touches, and why. */
export const affectedBookingSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  start: instant,
  end: instant,
  localDate: calendarDate,
  localTime: z.string(),
  mode: consultationModeSchema,
  reason: z.enum(["suspended", "mode", "leave", "hours"]),
});

/** What a confirmed schedule change did to the bookings it touched (by appointment id). */
export const scheduleOutcomeSchema = z.strictObject({
  changeId: z.string(),
  cancelled: z.array(z.string()),
  proposed: z.array(z.string()),
  skipped: z.array(z.string()),
});

const interval = z.strictObject({ start: z.string(), end: z.string() });
const day = z.array(interval).optional();

/** What `setAvailability` answers. */
export const setAvailabilityResponseSchema = z.strictObject({
  doctorUid: z.string(),
  availability: z.strictObject({
    timezone: z.string(),
    slotMinutes: z.number(),
    bufferBeforeMinutes: z.number(),
    bufferAfterMinutes: z.number(),
    minNoticeMinutes: z.number(),
    horizonDays: z.number(),
    modes: z.array(consultationModeSchema),
    weekly: z.strictObject({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
    exceptions: z.array(
      z.strictObject({ date: z.string(), intervals: z.array(interval), note: z.string().optional() }),
    ),
    leave: z.array(z.strictObject({ from: z.string(), to: z.string(), note: z.string().optional() })),
  }),
  affected: z.array(affectedBookingSchema),
  dryRun: z.boolean(),
  schedule: scheduleOutcomeSchema.optional(),
});

/** What `listSlots` answers. */
export const listSlotsResponseSchema = z.strictObject({
  doctorUid: z.string(),
  /** The doctor's zone; absent when the doctor has set no hours. */
  timezone: z.string().optional(),
  slots: z.array(
    z.strictObject({
      start: instant,
      end: instant,
      localDate: calendarDate,
      localTime: z.string(),
      timezone: z.string(),
      modes: z.array(consultationModeSchema),
    }),
  ),
});

/** What `nextAvailable` answers. */
export const nextAvailableResponseSchema = z.strictObject({
  offers: z.array(
    z.strictObject({
      doctorUid: z.string(),
      start: instant,
      startMs: z.number(),
      localDate: calendarDate,
      localTime: z.string(),
      timezone: z.string(),
      mode: consultationModeSchema,
    }),
  ),
});

/** What `book` answers. */
export const bookResponseSchema = appointmentViewSchema;

/** What `reschedule` answers. */
export const rescheduleResponseSchema = appointmentViewSchema;

/** What `cancel` answers. */
export const cancelResponseSchema = appointmentViewSchema;

/** What `proposeTime` answers. */
export const proposeTimeResponseSchema = z.strictObject({
  appointment: appointmentViewSchema,
  proposal: z.strictObject({ start: instant, end: instant, expiresAt: instant, round: z.number() }),
});

/** What `answerProposal` answers. */
export const answerProposalResponseSchema = appointmentViewSchema;

/** What `recordOutcome` answers. */
export const recordOutcomeResponseSchema = appointmentViewSchema;
