import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { HttpsError } from "firebase-functions/v2/https";
import { REMINDER_PLAN } from "../../config/notifications";
import { rateLimitsFor } from "../../config/rateLimits";
import { withBooked, type BookedStarts } from "../../domain/booking/bookedTime";
import { slotLockId } from "../../domain/booking/keys";
import { countRequest, withAnswer } from "../../domain/booking/patientState";
import { onBehalf, patientOf, type Actor } from "../../domain/identity/actor";
import { remindersFor } from "../../domain/notifications/outbox";
import type { RateLimitPolicy } from "../../domain/operations/rateLimit";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { appointmentRef, newAppointmentRef, type AppointmentDoc } from "../../repo/appointments";
import { availabilityRef, type AvailabilityDoc, type ScheduledDoctor } from "../../repo/availability";
import { bookingStateRef } from "../../repo/bookingState";
import { MalformedDocumentError } from "../../repo/converter";
import { getDoctor, type DoctorDoc } from "../../repo/doctors";
import { requestHash } from "../../repo/idempotency";
import { ConditionalBatch, readVersioned, type Versioned } from "../../repo/optimistic";
import { slotLockRef, type SlotLockDoc } from "../../repo/slotLocks";
import type { ConsultationMode } from "../../schemas/scheduling";
import { appointmentAction } from "./appointmentActions";
import { appointmentView, type AppointmentView } from "./appointmentView";
import { readCardSource, withPatientCard } from "./patientCard";
import { currentView } from "./replay";
import { checkSlot, doctorBookedTime, lockBlocks, slotTaken } from "./slotCheck";
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
 * schedule (their availability, with their upcoming booked time and their status and
 * organisation: approved? whose appointment?) and the patient's booking state (open bookings,
 * this hour's booking requests, recent idempotent answers): 2 reads. (With the sign-in step's
 * read of `revocations/{uid}`, 3 on the call path.) Then one atomic batch, valid only if neither the availability nor the
 * patient's state changed since, writes the appointment (with `nextReminderAt`: its reminders are
 * written when the first falls due), the doctor's booked time, the patient's state (the booking,
 * the request counted, the answer under the idempotency key), the slot's lock (created: the
 * deterministic key of the slot), and the audit entry and domain event. The confirmation message
 * follows from the appointment's creation (handlers/booking/confirmBooking.ts).
 *
 * - One booking per slot and per patient time: two bookings of one doctor (or one patient) race
 *   on the version of that document; the loser reads again and finds the slot taken
 *   (`already-exists`). The lock create fails too if the slot's lock exists (a booking made
 *   before this layout, a hold in flight): then the next attempt reads the lock and takes over a
 *   hold whose lease ended.
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
  const lockId = slotLockId(doctorUid, startMs);
  const at = Timestamp.fromDate(now);
  // The patient card the appointment carries (services/booking/patientCard.ts), read once.
  // The card is the patient's: with `onBehalfOf`, the patient acted for, not the helper.
  const patientProfile = readCardSource(patientUid);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const docs = [availabilityRef(doctorUid), bookingStateRef(patientUid)] as const;
    // The lock is read only after a commit failed: usually nothing stands on a free slot.
    const [[availabilityRead, stateRead, lockRead], profile] = await Promise.all([
      attempt === 1
        ? readVersioned(...docs).then((read) => [...read, null] as const)
        : readVersioned(...docs, slotLockRef(lockId)),
      patientProfile,
    ]);
    const state = stateRead.data() ?? { open: {} };
    // The doctor's status and organisation are on the schedule; on one written before they were
    // (or none), the doctor's profile is read, and the booking writes them there.
    const scheduled = readable(availabilityRead)?.doctor;
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
        booking = await decide({ request, doctor, availabilityRead, lockRead, open: state.open, now });
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

    const appointment = withPatientCard(booking.appointment, profile);
    const interval = { start: appointment.start.toMillis(), end: appointment.end.toMillis() };
    const lock: SlotLockDoc = {
      doctorUid,
      patientUid,
      appointmentId,
      claim: appointmentId,
      state: "booked",
      start: appointment.start,
      heldUntil: at,
      createdAt: at,
    };
    batch.create(appointmentRef(appointmentId), appointment);
    batch.put(availabilityRead, {
      booked: withBooked(booking.booked, { take: interval }, now.getTime()),
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
    if (lockRead?.version) batch.put(lockRead, lock);
    else batch.create(slotLockRef(lockId), lock);
    const subject = { appointmentId, appointment, actor, origin: request.origin };
    recordAction(
      batch.writes,
      appointmentAction(subject, "appointment.booked", { type: "appointment.booked" }),
      now,
    );
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
  availabilityRead: Versioned<AvailabilityDoc>;
  lockRead: Versioned<SlotLockDoc> | null;
  open: Record<string, { start: number; end: number }>;
  now: Date;
}): Promise<Booking> {
  const { request, now } = d;
  const { doctor } = d;
  if (doctor?.status !== "approved") throw appError("not-found", "doctor-not-found", "no such doctor");
  if (lockBlocks(d.lockRead?.data() ?? null, now)) throw slotTaken();
  const availability = readable(d.availabilityRead);
  if (!availability)
    throw appError("failed-precondition", "no-availability", "this doctor has not published availability");
  const booked = await doctorBookedTime(request.doctorUid, availability, now);
  const patientOpen = Object.entries(d.open).map(([id, a]) => ({ id, ...a }));
  const slot = checkSlot({ startMs: request.startMs, now, availability, booked, patientOpen });
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
  };
  return { appointment, booked };
}

function scheduledDoctor(profile: DoctorDoc | null): ScheduledDoctor | null {
  return profile && { status: profile.status, org: profile.org };
}

/** The availability as read; a document the code cannot read counts as none, as getAvailability does. */
function readable(read: Versioned<AvailabilityDoc>): AvailabilityDoc | null {
  try {
    return read.data();
  } catch (error) {
    if (error instanceof MalformedDocumentError) return null;
    throw error;
  }
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
