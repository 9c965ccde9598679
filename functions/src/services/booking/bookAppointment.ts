import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { REMINDER_PLAN } from "../../config/notifications";
import { rateLimitsFor } from "../../config/rateLimits";
import { withBooked, type BookedStarts } from "../../domain/booking/bookedTime";
import { hasEndedHolds, heldIntervals, withoutHold } from "../../domain/booking/heldTime";
import { slotLockId } from "../../domain/booking/keys";
import { countRequest, withAnswer } from "../../domain/booking/patientState";
import { onBehalf, patientOf, type Actor } from "../../domain/identity/actor";
import { remindersFor } from "../../domain/notifications/outbox";
import type { RateLimitPolicy } from "../../domain/operations/rateLimit";
import type { Origin } from "../../registry/define";
import { appointmentRef, newAppointmentRef, type AppointmentDoc } from "../../repo/appointments";
import {
  availabilityRef,
  scheduleOf,
  type AvailabilityDoc,
  type ScheduledDoctor,
} from "../../repo/availability";
import { bookingStateRef } from "../../repo/bookingState";
import { getDoctor, type DoctorDoc } from "../../repo/doctors";
import { requestHash } from "../../repo/idempotency";
import { ConditionalBatch, readVersioned } from "../../repo/optimistic";
import type { ConsultationMode } from "../../schemas/scheduling";
import { appointmentView, type AppointmentView } from "./appointmentView";
import { currentView } from "./replay";
import { checkSlot, doctorBookedTime } from "./slotCheck";
import { appError } from "../../schemas/errors";

export interface BookingRequest {
  /** Who books; with `onBehalfOf` (services/care/actingFor.ts) the booking is that patient's. */
  actor: Actor;
  doctorUid: string;
  startMs: number;
  mode: ConsultationMode;
  idempotencyKey?: string;
  origin: Origin;
}

/** Reads and commits per call at most; each lost race costs one more of each. */
const MAX_ATTEMPTS = 8;

/**
 * Books a slot in one optimistic commit (repo/optimistic.ts). One round trip reads the doctor's
 * schedule (their availability, with their upcoming booked time, the slots held by reschedules in
 * flight, and their status and organisation: approved? whose appointment?) and the patient's
 * booking state (open bookings, this hour's booking requests, recent idempotent answers): 2
 * reads. (With the sign-in step's read of `revocations/{uid}`, 3 on the call path.) Then one
 * atomic batch, valid only if neither the schedule nor the patient's state changed since, writes
 * 3 documents: the appointment (with `nextReminderAt`: its reminders are written when the first
 * falls due; and who booked it from where), the doctor's booked time, and the patient's state
 * (the booking, the request counted, the answer under the idempotency key). What follows from the
 * appointment's creation is written by its trigger (handlers/booking/confirmBooking.ts), once,
 * under ids derived from the appointment's: the audit entry and domain event
 * `appointment.booked`, the patient card, and the confirmation message.
 *
 * - One booking per slot and per patient time: two bookings of one doctor (or one patient) race
 *   on the version of that document; the loser reads again and finds the slot taken
 *   (`already-exists`). A slot held by a reschedule in flight is taken time too (its hold is on
 *   the schedule, services/booking/slotHold.ts; one whose lease ended is dropped by this write).
 *   No lock document: the schedule's version is the lock.
 * - Idempotent retries: a key found in the patient's answers answers the appointment as it is
 *   now; the same key for another request is refused.
 * - The rate limit (per patient, config/rateLimits.ts `booking.user`) counts every request
 *   that reaches here in the patient's state, refusals included (a refused request writes only
 *   that count); over the limit, nothing is written.
 */
export async function bookAppointment(
  request: BookingRequest,
  now: Date,
  limit: RateLimitPolicy = rateLimitsFor("booking").user,
): Promise<{ view: AppointmentView; fresh: boolean }> {
  const { actor, doctorUid, startMs, mode } = request;
  const patientUid = patientOf(actor);
  const key = request.idempotencyKey;
  const hash = requestHash({
    uid: actor.uid,
    key,
    operation: "book",
    request: { doctorUid, start: new Date(startMs).toISOString(), mode },
  });
  const appointmentId = newAppointmentRef().id;
  const at = Timestamp.fromDate(now);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const [availabilityRead, stateRead] = await readVersioned(
      availabilityRef(doctorUid),
      bookingStateRef(patientUid),
    );
    const state = stateRead.data() ?? { open: {} };
    const schedule = scheduleOf(availabilityRead);
    // The doctor's status and organisation are on the schedule; on one written before they were
    // (or none), the doctor's profile is read, and the booking writes them there.
    const scheduled = schedule?.doctor;
    const doctor = scheduled ?? scheduledDoctor(await getDoctor(doctorUid));

    const recorded = key ? state.answers?.[key] : undefined;
    if (recorded && (recorded.operation !== "book" || recorded.requestHash !== hash))
      throw appError(
        "already-exists",
        "idempotency-key-reused",
        "this idempotency key was already used for a different request",
      );
    const rate = countRequest(state.rate, limit, now.getTime());
    if (!rate.allowed) throw rateLimited(actor, rate.retryAfterSeconds, now);
    const counted = { ...state, rate: rate.rate, updatedAt: at };
    const batch = new ConditionalBatch();

    let refusal: HttpsError | null = null;
    let booking: Booking | null = null;
    if (!recorded) {
      try {
        booking = await decide({ request, doctor, availability: schedule, open: state.open, now });
      } catch (error) {
        if (!(error instanceof HttpsError)) throw error;
        refusal = error;
      }
    }
    if (!booking) {
      // A replay or a refusal: only the request's count is written.
      if (!(await batch.put(stateRead, counted).commit())) continue;
      if (refusal) throw refusal;
      const view = await currentView(recorded!.appointmentId);
      if (!view)
        throw appError(
          "not-found",
          "appointment-not-found",
          "the appointment this key booked no longer exists",
        );
      return { view, fresh: false };
    }

    const { appointment } = booking;
    const interval = { start: appointment.start.toMillis(), end: appointment.end.toMillis() };
    batch.create(appointmentRef(appointmentId), appointment);
    batch.put(availabilityRead, {
      booked: withBooked(booking.booked, { take: interval }, now.getTime()),
      ...(hasEndedHolds(schedule?.held, now.getTime()) && {
        held: withoutHold(schedule?.held, undefined, now.getTime()),
      }),
      ...(!scheduled && { doctor: doctor! }),
    });
    batch.put(stateRead, {
      ...counted,
      open: { ...state.open, [appointmentId]: interval },
      ...(key && {
        answers: withAnswer(
          state.answers ?? {},
          key,
          { operation: "book", requestHash: hash, appointmentId, at: now.getTime() },
          now.getTime(),
        ),
      }),
    });
    if (!(await batch.commit())) continue;
    return {
      view: appointmentView(appointmentId, { ...appointment, startMs: interval.start, endMs: interval.end }),
      fresh: true,
    };
  }
  logger.warn("appointment.bookContended", { doctorUid, attempts: MAX_ATTEMPTS });
  throw appError("aborted", "booking-contention", "too many bookings of this doctor at once; try again");
}

interface Booking {
  appointment: AppointmentDoc;
  /** The doctor's booked time as read (before this booking). */
  booked: BookedStarts;
}

/** What the documents read say about this booking: the appointment to write, or an HttpsError. */
async function decide(d: {
  request: BookingRequest;
  /** The doctor's status and organisation (the schedule's copy, or the profile's); null: no doctor. */
  doctor: ScheduledDoctor | null;
  /** The doctor's schedule as read (null: none, or one the code cannot read). */
  availability: AvailabilityDoc | null;
  open: Record<string, { start: number; end: number }>;
  now: Date;
}): Promise<Booking> {
  const { request, now } = d;
  const { doctor } = d;
  if (doctor?.status !== "approved") throw appError("not-found", "doctor-not-found", "no such doctor");
  const { availability } = d;
  if (!availability)
    throw appError("failed-precondition", "no-availability", "this doctor has not published availability");
  const booked = await doctorBookedTime(request.doctorUid, availability, now);
  const patientOpen = Object.entries(d.open).map(([id, a]) => ({ id, ...a }));
  const held = heldIntervals(availability.held, now.getTime());
  const slot = checkSlot({ startMs: request.startMs, now, availability, booked, held, patientOpen });
  if (!slot.modes.includes(request.mode))
    throw appError(
      "invalid-argument",
      "mode-not-offered",
      `mode: this doctor offers ${slot.modes.join(" or ")}`,
    );
  const at = Timestamp.fromDate(now);
  const start = Timestamp.fromMillis(Date.parse(slot.start));
  const firstReminder = remindersFor("", start.toMillis(), now.getTime(), REMINDER_PLAN)
    .map((r) => r.dueAtMs)
    .sort((a, b) => a - b)[0];
  const appointment: AppointmentDoc = {
    patientUid: patientOf(request.actor),
    doctorUid: request.doctorUid,
    org: doctor.org,
    start,
    end: Timestamp.fromMillis(Date.parse(slot.end)),
    timezone: availability.timezone,
    mode: request.mode,
    status: "booked",
    slotLockId: slotLockId(request.doctorUid, request.startMs),
    createdAt: at,
    updatedAt: at,
    history: [
      { event: "booked", at, by: request.actor.uid, role: request.actor.role, ...onBehalf(request.actor) },
    ],
    nextReminderAt: firstReminder === undefined ? null : Timestamp.fromMillis(firstReminder),
    confirmation: "pending",
    // Where the booking came from, for its audit entry (written by the appointment-created trigger).
    ...(hasOrigin(request.origin) && { bookedFrom: originOf(request.origin) }),
  };
  return { appointment, booked };
}

function scheduledDoctor(profile: DoctorDoc | null): ScheduledDoctor | null {
  return profile && { status: profile.status, org: profile.org };
}

const hasOrigin = (origin: Origin) => origin.ip !== undefined || origin.userAgent !== undefined;

/** The origin as the audit entry keeps it (domain/audit/entry.ts cuts the same lengths). */
function originOf(origin: Origin): NonNullable<AppointmentDoc["bookedFrom"]> {
  return {
    ...(origin.ip !== undefined && { ip: origin.ip.slice(0, 64) }),
    ...(origin.userAgent !== undefined && { userAgent: origin.userAgent.slice(0, 256) }),
  };
}

function rateLimited(actor: Actor, seconds: number, now: Date): HttpsError {
  logger.warn("rateLimit.exceeded", {
    action: "booking",
    uid: actor.uid,
    org: null,
    by: ["user"],
    retryAfterSeconds: seconds,
  });
  return appError(
    "resource-exhausted",
    "rate-limited",
    `too many booking requests from your account; try again in ${seconds} s`,
    {
      retryAfterSeconds: seconds,
      retryAt: new Date(now.getTime() + seconds * 1000).toISOString(),
    },
  );
}
