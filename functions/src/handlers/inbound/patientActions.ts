import { HttpsError } from "firebase-functions/v2/https";
import type { Offer } from "../../domain/booking/nextAvailable";
import type { OfferRef } from "../../domain/inbound/conversation";
import type { Actor } from "../../domain/identity/actor";
import type { AppointmentLine } from "../../domain/inbound/replies";
import type { Call, Origin } from "../../registry/define";
import { findPatientBookings, getAppointment, type AppointmentDoc } from "../../repo/appointments";
import { getDoctor } from "../../repo/doctors";
import { findLatestMessagesTo } from "../../repo/outbox";
import type { ConsultationMode } from "../../schemas/scheduling";
import { bookAppointment } from "../../services/booking/bookAppointment";
import { confirmAttendance } from "../../services/booking/confirmAttendance";
import { freeSlotsOf } from "../../services/booking/freeSlots";
import { nextAvailable, NEXT_AVAILABLE_DAYS } from "../../services/booking/nextAvailable";
import { actingFor } from "../../services/care/actingFor";
import type { Specialty } from "../../domain/inbound/keywords";
import type { Language } from "../../schemas/common";
import { cancel } from "../booking/cancel";
import { reschedule } from "../booking/reschedule";

/**
 * What a caller or texter does to their appointments, as the patient: the same functions the
 * app's callables run (services/booking and the booking handlers), with the patient as actor,
 * so an SMS or a key press leaves the same appointment, audit entry and messages.
 */

export const patientActor = (uid: string): Actor => ({ uid, role: "patient", platform: false });

/** The booking handlers read no raw callable request; an inbound channel has none to give. */
const call = <I>(actor: Actor, input: I, now: Date, origin: Origin): Call<I> =>
  ({ actor, input, now, origin }) as Call<I>;

export type Upcoming = AppointmentDoc & { id: string };

/** The patient's booked appointments ahead, soonest first. */
export async function upcomingAppointments(uid: string, now: Date): Promise<Upcoming[]> {
  return (await findPatientBookings(uid))
    .filter((a) => a.start.toMillis() > now.getTime())
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** Doctor names for lines of a reply, read once per doctor. */
export async function linesFor(
  items: Array<{ doctorUid: string; startMs: number; timezone: string }>,
): Promise<AppointmentLine[]> {
  const names = new Map<string, string>();
  for (const uid of new Set(items.map((i) => i.doctorUid)))
    names.set(uid, (await getDoctor(uid))?.name ?? "");
  return items.map((i) => ({
    doctorName: names.get(i.doctorUid) ?? "",
    start: new Date(i.startMs),
    timezone: i.timezone,
  }));
}

export const lineOf = (a: Upcoming) => ({
  doctorUid: a.doctorUid,
  startMs: a.start.toMillis(),
  timezone: a.timezone,
});

/** The modes a patient without the app can use, in order: a clinic visit first, else a video call. */
export const BASIC_PHONE_MODES: readonly ConsultationMode[] = ["in_person", "video"];

/**
 * The patient acts on their own appointment, or (`onBehalfOf`) on a dependant's they hold: the
 * booking functions check that care link again (services/care/actingFor.ts), as for the app.
 */
export async function confirm(
  uid: string,
  appointmentId: string,
  now: Date,
  origin: Origin,
  onBehalfOf?: string,
) {
  const actor = onBehalfOf ? await actingFor(patientActor(uid), onBehalfOf) : patientActor(uid);
  return confirmAttendance(actor, appointmentId, origin, now);
}

export async function cancelAppointment(
  uid: string,
  appointmentId: string,
  now: Date,
  origin: Origin,
  onBehalfOf?: string,
) {
  return cancel(call(patientActor(uid), { appointmentId, onBehalfOf }, now, origin));
}

export async function moveAppointment(
  uid: string,
  appointmentId: string,
  startMs: number,
  now: Date,
  origin: Origin,
  onBehalfOf?: string,
) {
  return reschedule(
    call(
      patientActor(uid),
      { appointmentId, start: new Date(startMs).toISOString(), onBehalfOf },
      now,
      origin,
    ),
  );
}

/** The messages a reply 1, 2 or 3 answers: a booking's confirmation, its move, its reminder. */
const ANSWERED_KINDS: ReadonlySet<string> = new Set([
  "appointment.booked",
  "appointment.rescheduled",
  "appointment.reminder",
]);
/** How many of the newest messages to a number are looked through for that one. */
const LATEST_MESSAGES = 10;

/**
 * The appointment a reply 1, 2 or 3 from `phone` answers: the one the latest confirmation or
 * reminder sent to that number is about, while it is booked and ahead and the number's patient
 * may act on it (their own, or a dependant's whose family account they hold: then `onBehalfOf`
 * names the dependant); else the patient's own next appointment. A message about someone the
 * patient may not act for (a number that changed hands) is passed over, never acted on.
 */
export async function answeredAppointment(
  uid: string,
  phone: string,
  now: Date,
): Promise<{ appointment: Upcoming; onBehalfOf?: string } | null> {
  const latest = (await findLatestMessagesTo(phone, LATEST_MESSAGES)).find(
    (m) => ANSWERED_KINDS.has(m.kind) && m.appointmentId !== null,
  );
  const about = latest?.appointmentId ? await getAppointment(latest.appointmentId) : null;
  if (about && latest?.appointmentId && about.status === "booked" && about.start.toMillis() > now.getTime()) {
    const appointment = { ...about, id: latest.appointmentId };
    if (about.patientUid === uid) return { appointment };
    if (await mayActFor(uid, about.patientUid)) return { appointment, onBehalfOf: about.patientUid };
  }
  const [next] = await upcomingAppointments(uid, now);
  return next ? { appointment: next } : null;
}

/** Whether the patient `uid` holds an active care link to `patientUid` (a dependant of theirs). */
export async function mayActFor(uid: string, patientUid: string): Promise<boolean> {
  try {
    await actingFor(patientActor(uid), patientUid);
    return true;
  } catch (error) {
    if (error instanceof HttpsError) return false;
    throw error;
  }
}

export async function bookOffer(uid: string, offer: OfferRef, now: Date, origin: Origin) {
  const { view } = await bookAppointment(
    {
      actor: patientActor(uid),
      doctorUid: offer.doctorUid,
      startMs: offer.startMs,
      mode: offer.mode,
      origin,
    },
    now,
  );
  return view;
}

/** Offers for a new booking: the next available doctors of a specialty speaking a language. */
export async function offersFor(
  specialty: Specialty,
  language: Language,
  seed: string,
  now: Date,
  limit = 3,
): Promise<Offer[]> {
  return nextAvailable({ specialty, language, limit, modes: BASIC_PHONE_MODES, seed }, now);
}

/** Offers to move an appointment: the same doctor's next free slots in the appointment's mode. */
export async function offersToMove(a: Upcoming, now: Date, limit = 3): Promise<OfferRef[]> {
  const free = await freeSlotsOf(
    a.doctorUid,
    now,
    new Date(now.getTime() + NEXT_AVAILABLE_DAYS * 86_400_000),
    now,
  );
  return free.slots
    .filter((s) => s.modes.includes(a.mode) && Date.parse(s.start) !== a.start.toMillis())
    .slice(0, limit)
    .map((s) => ({ doctorUid: a.doctorUid, startMs: Date.parse(s.start), mode: a.mode }));
}

/** Why a booking function refused, as the reply names it. */
export function refusalReason(error: unknown): "taken" | "tooLate" | "other" {
  if (!(error instanceof HttpsError)) throw error;
  if (error.code === "already-exists") return "taken";
  if (error.code === "failed-precondition" && /minutes before/.test(error.message)) return "tooLate";
  return "other";
}
