import { z } from "zod";

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
    modes: z.array(z.enum(["video", "in_person"])),
    weekly: z.strictObject({
      mon: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      tue: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      wed: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      thu: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      fri: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      sat: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
      sun: z.array(z.strictObject({ start: z.string(), end: z.string() })).optional(),
    }),
    exceptions: z.array(
      z.strictObject({
        date: z.string(),
        intervals: z.array(z.strictObject({ start: z.string(), end: z.string() })),
        note: z.string().optional(),
      }),
    ),
    leave: z.array(z.strictObject({ from: z.string(), to: z.string(), note: z.string().optional() })),
  }),
  affected: z.array(
    z.strictObject({
      appointmentId: z.string(),
      patientUid: z.string(),
      start: z.string(),
      end: z.string(),
      localDate: z.string(),
      localTime: z.string(),
      mode: z.enum(["video", "in_person"]),
      reason: z.enum(["suspended", "mode", "leave", "hours"]),
    }),
  ),
  dryRun: z.boolean(),
  schedule: z
    .strictObject({
      changeId: z.string(),
      cancelled: z.array(z.string()),
      proposed: z.array(z.string()),
      skipped: z.array(z.string()),
    })
    .optional(),
});

/** What `listSlots` answers. */
export const listSlotsResponseSchema = z.strictObject({
  doctorUid: z.string(),
  /** The doctor's zone; absent when the doctor has set no hours. */
  timezone: z.string().optional(),
  slots: z.array(
    z.strictObject({
      start: z.string(),
      end: z.string(),
      localDate: z.string(),
      localTime: z.string(),
      timezone: z.string(),
      modes: z.array(z.enum(["video", "in_person"])),
    }),
  ),
});

/** What `nextAvailable` answers. */
export const nextAvailableResponseSchema = z.strictObject({
  offers: z.array(
    z.strictObject({
      doctorUid: z.string(),
      start: z.string(),
      startMs: z.number(),
      localDate: z.string(),
      localTime: z.string(),
      timezone: z.string(),
      mode: z.enum(["video", "in_person"]),
    }),
  ),
});

/** What `book` answers. */
export const bookResponseSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  mode: z.enum(["video", "in_person"]),
  status: z.enum(["booked", "cancelled", "completed", "no_show"]),
});

/** What `reschedule` answers. */
export const rescheduleResponseSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  mode: z.enum(["video", "in_person"]),
  status: z.enum(["booked", "cancelled", "completed", "no_show"]),
});

/** What `cancel` answers. */
export const cancelResponseSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  mode: z.enum(["video", "in_person"]),
  status: z.enum(["booked", "cancelled", "completed", "no_show"]),
});

/** What `proposeTime` answers. */
export const proposeTimeResponseSchema = z.strictObject({
  appointment: z.strictObject({
    appointmentId: z.string(),
    patientUid: z.string(),
    doctorUid: z.string(),
    org: z.string(),
    start: z.string(),
    end: z.string(),
    timezone: z.string(),
    localDate: z.string(),
    localTime: z.string(),
    mode: z.enum(["video", "in_person"]),
    status: z.enum(["booked", "cancelled", "completed", "no_show"]),
  }),
  proposal: z.strictObject({ start: z.string(), end: z.string(), expiresAt: z.string(), round: z.number() }),
});

/** What `answerProposal` answers. */
export const answerProposalResponseSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  mode: z.enum(["video", "in_person"]),
  status: z.enum(["booked", "cancelled", "completed", "no_show"]),
});

/** What `recordOutcome` answers. */
export const recordOutcomeResponseSchema = z.strictObject({
  appointmentId: z.string(),
  patientUid: z.string(),
  doctorUid: z.string(),
  org: z.string(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  localDate: z.string(),
  localTime: z.string(),
  mode: z.enum(["video", "in_person"]),
  status: z.enum(["booked", "cancelled", "completed", "no_show"]),
});
