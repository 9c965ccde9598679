import { bookingCallable } from "./areas";
import { roles } from "./define";

/** Scheduling and booking: handlers/scheduling/, handlers/booking/. */
export const BOOKING_CALLABLES = [
  bookingCallable({
    name: "setAvailability",
    summary:
      "Replaces a doctor's weekly hours, exceptions, leave, slot length and notice rules; lists (dryRun) and, once confirmed, cancels or moves the bookings it affects.",
    who: "the doctor, or an admin of the doctor's organisation",
    handler: () => import("../handlers/scheduling/setAvailability").then((m) => m.setAvailability),
  }),
  bookingCallable({
    name: "listSlots",
    summary: "A doctor's free slots in a range of at most 31 days, as instants with the doctor's wall time.",
    who: "any signed-in user",
    // A doctor's free slots are public and no PHI: any signed-in user reads the availability they
    // come from (firestore.rules, without notRevoked()), so the sign-in step skips the read of
    // revocations/{uid} and the call reads one document (issue 18). A revoked token still gets no
    // more than the rules give it; every call that writes or returns PHI keeps the check.
    revocationCheck: false,
    handler: () => import("../handlers/scheduling/listSlots").then((m) => m.listSlots),
  }),
  bookingCallable({
    name: "nextAvailable",
    summary: "The earliest free slots of a specialty in a language across approved doctors, fairly spread.",
    who: "any signed-in user",
    handler: () => import("../handlers/scheduling/nextAvailable").then((m) => m.nextAvailable),
  }),
  bookingCallable({
    name: "book",
    summary: "Books a free slot; a retry with the same idempotency key returns the first answer.",
    who: "patients; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    // Limited per patient in the booking's own commit (services/booking/bookAppointment.ts).
    allow: { check: roles("patient", "healthWorker"), denied: "only patients book appointments" },
    handler: () => import("../handlers/booking/book").then((m) => m.book),
  }),
  bookingCallable({
    name: "reschedule",
    summary: "Moves a booked appointment to another free slot of the same doctor.",
    who: "the appointment's patient before the cut-off",
    // Each reschedule texts the patient: limited like every message a user can trigger.
    rateLimit: "reschedule",
    handler: () => import("../handlers/booking/reschedule").then((m) => m.reschedule),
  }),
  bookingCallable({
    name: "cancel",
    summary: "Cancels an appointment and frees its slot; cancelling twice answers the same.",
    who: "the patient before the cut-off; the doctor or an admin of the clinic, with a reason",
    rateLimit: "cancel",
    handler: () => import("../handlers/booking/cancel").then((m) => m.cancel),
  }),
  bookingCallable({
    name: "proposeTime",
    summary:
      "Proposes a new time for a booked appointment; the patient accepts or declines before the deadline.",
    who: "the appointment's doctor, or an admin of its clinic",
    // Each proposal texts the patient: limited like every message a user can trigger.
    rateLimit: "reschedule",
    handler: () => import("../handlers/booking/proposeTime").then((m) => m.proposeTime),
  }),
  bookingCallable({
    name: "answerProposal",
    summary:
      "Accepts (the appointment moves, if the slot is still free) or declines (it is cancelled) a proposed time.",
    who: "the appointment's patient, before the proposal's deadline; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    rateLimit: "reschedule",
    handler: () => import("../handlers/booking/answerProposal").then((m) => m.answerProposal),
  }),
  bookingCallable({
    name: "recordOutcome",
    summary: "Records that a started appointment was completed or a no-show.",
    who: "the doctor or an admin of the clinic",
    handler: () => import("../handlers/booking/recordOutcome").then((m) => m.recordOutcome),
  }),
] as const;
