import { z } from "zod";
import { absentSchema, appointmentDocSchema } from "./appointment";
import { storedIdSchema, timestampSchema } from "./stored";

/**
 * `consultations/{appointmentId}`: the video session of one appointment, as the pure domain
 * (domain/consultations/session.ts) describes it, with instants stored as Timestamps. Its
 * `events/{auto}` subcollection is the log of transitions, each with `seq` (0, 1, 2, … in commit
 * order: instants of two concurrent calls may tie or cross). Both are written by functions only
 * and read by the two participants (firestore.rules). Ids and times only.
 */

export const sessionStatusSchema = z.enum(["created", "waiting", "in_progress", "ended", "no_show"]);
/** Who ended the session or caused an event: a participant, or the system (no-shows). */
export const sessionActorSchema = z.enum(["doctor", "patient", "system"]);

export const participantDocSchema = z.object({
  present: z.boolean(),
  joins: z.number().int().nonnegative(),
  joinedAt: timestampSchema.optional(),
  leftAt: timestampSchema.optional(),
});
export type ParticipantDoc = z.infer<typeof participantDocSchema>;

/** The appointment's parties and its scheduled start and end, then the session itself. */
export const consultationDocSchema = appointmentDocSchema
  .pick({ patientUid: true, doctorUid: true, org: true, start: true, end: true })
  .extend({
    appointmentId: storedIdSchema,
    status: sessionStatusSchema,
    participants: z.object({ doctor: participantDocSchema, patient: participantDocSchema }),
    createdAt: timestampSchema,
    startedAt: timestampSchema.optional(),
    endedAt: timestampSchema.optional(),
    endedBy: sessionActorSchema.optional(),
    noShow: z.object({ absent: absentSchema }).optional(),
    /** How many events the log holds: the next event's `seq`. */
    eventCount: z.number().int().nonnegative().default(0),
    updatedAt: timestampSchema,
  });
export type ConsultationDoc = z.infer<typeof consultationDocSchema>;

/** `consultations/{appointmentId}/events/{auto}`: one transition of the session. */
export const consultationEventDocSchema = z.object({
  type: z.enum(["joined", "left", "started", "ended", "no_show"]),
  role: sessionActorSchema,
  at: timestampSchema,
  seq: z.number().int().nonnegative(),
  absent: absentSchema.optional(),
});
export type ConsultationEventDoc = z.infer<typeof consultationEventDocSchema>;
