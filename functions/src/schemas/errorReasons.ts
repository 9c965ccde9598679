/**
 * The reasons a callable can be refused for: the stable codes clients act on and translate
 * (`error.details.reason`). One catalogue, imported by the functions (schemas/errors.ts
 * `appError`), re-exported by the client (client/src/errors.ts, with en / hi / pa messages for
 * each) and listed in the reference (docs/reference/). Pure data: the client loads this module.
 *
 * A reason names what happened, not how the code found out: `slot-taken`, not `lock-exists`.
 * Renaming one breaks clients; add a new one instead. Each has one Firebase error code.
 */
export const ERROR_REASONS = {
  // The defaults: an error thrown without a reason gets the one of its code (see DEFAULT_REASONS).
  "invalid-request": { code: "invalid-argument", about: "the request does not match its schema" },
  forbidden: { code: "permission-denied", about: "the caller may not do this" },
  "not-found": { code: "not-found", about: "what the request names does not exist, or is not the caller's" },
  "precondition-failed": { code: "failed-precondition", about: "the state does not allow this now" },
  "already-exists": { code: "already-exists", about: "it exists already" },
  "rate-limited": { code: "resource-exhausted", about: "too many requests; `details.retryAfterSeconds`" },
  "sign-in-required": { code: "unauthenticated", about: "no signed-in user, or no valid App Check token" },
  contention: { code: "aborted", about: "too many changes at once; try again" },
  unavailable: { code: "unavailable", about: "a service is unavailable; try again" },
  timeout: { code: "deadline-exceeded", about: "the call took too long" },
  internal: { code: "internal", about: "a fault on the server" },
  unknown: { code: "unknown", about: "an error without a known cause" },

  // Sign-in and the shared steps (services/callable/).
  "app-check-reused": { code: "unauthenticated", about: "a limited-use App Check token was used twice" },
  "signed-out": { code: "unauthenticated", about: "this session was signed out or revoked; sign in again" },
  "role-not-allowed": { code: "permission-denied", about: "the caller's role may not call this callable" },
  "other-organisation": { code: "permission-denied", about: "the target belongs to another organisation" },
  "not-participant": { code: "permission-denied", about: "only the appointment's patient and doctor may" },
  "idempotency-key-reused": {
    code: "already-exists",
    about: "this idempotency key was used for a different request",
  },
  "invalid-cursor": { code: "invalid-argument", about: "the cursor was not given by this listing" },

  // Scheduling and booking.
  "doctor-not-found": { code: "not-found", about: "no approved doctor with this id" },
  "no-availability": { code: "failed-precondition", about: "the doctor has not published availability" },
  "slot-taken": { code: "already-exists", about: "someone else has just booked this slot" },
  "slot-not-offered": {
    code: "failed-precondition",
    about: "the time is outside the doctor's hours, too soon, too far ahead or taken",
  },
  "mode-not-offered": { code: "invalid-argument", about: "the doctor does not offer this consultation mode" },
  "overlapping-booking": {
    code: "failed-precondition",
    about: "the patient already has an appointment then",
  },
  "too-many-open-bookings": { code: "resource-exhausted", about: "the patient has too many open bookings" },
  "booking-contention": { code: "aborted", about: "too many bookings of this doctor at once; try again" },
  "appointment-not-found": { code: "not-found", about: "no such appointment (of the caller's)" },
  "appointment-cancelled": { code: "failed-precondition", about: "the appointment was cancelled" },
  "appointment-not-started": { code: "failed-precondition", about: "the appointment has not started yet" },
  "too-late-to-change": { code: "failed-precondition", about: "past the cut-off for changing it" },
  "reason-required": { code: "invalid-argument", about: "a doctor or admin cancelling must give a reason" },
  "appointment-closed": { code: "failed-precondition", about: "the appointment is no longer booked" },

  // Schedules that change from the clinic's side, and the patient's chart (issue 14).
  "not-clinic": {
    code: "permission-denied",
    about: "only the appointment's doctor or an admin of its clinic may",
  },
  "not-patient": { code: "permission-denied", about: "only the appointment's patient may" },
  "already-at-that-time": { code: "failed-precondition", about: "the appointment is already at that time" },
  "mode-no-longer-offered": {
    code: "failed-precondition",
    about: "the doctor no longer offers the appointment's consultation mode at the new time",
  },
  "no-open-proposal": {
    code: "failed-precondition",
    about: "there is no open proposal for this appointment",
  },
  "proposal-outdated": {
    code: "failed-precondition",
    about: "the appointment moved, or another time was proposed, since this proposal",
  },
  "proposal-expired": { code: "failed-precondition", about: "the time to answer this proposal has passed" },
  "chart-not-open": {
    code: "permission-denied",
    about: "a chart opens to a doctor during the patient's care with them, or under the patient's consent",
  },
  "summary-full": { code: "failed-precondition", about: "the health summary holds its most entries" },
  "affected-appointments": {
    code: "failed-precondition",
    about: "the change affects booked appointments: confirm exactly those of `details.affected`",
  },
  "affected-appointments-changed": {
    code: "failed-precondition",
    about: "the doctor's bookings changed since the preview; preview again",
  },

  // Consultations.
  "consultation-not-open": {
    code: "failed-precondition",
    about: "the consultation is not open at this time",
  },

  // Clinical records and prescriptions.
  "not-treating-doctor": { code: "permission-denied", about: "only the treating doctor may" },
  "amendment-reason-required": { code: "invalid-argument", about: "an amendment needs a reason" },
  "prescription-not-found": { code: "not-found", about: "no such prescription (the caller may read)" },
  "prescription-not-verified": {
    code: "failed-precondition",
    about: "the prescription's signature does not verify",
  },
  "already-dispensed": { code: "failed-precondition", about: "the prescription was dispensed; `details.at`" },
  "prescription-void": {
    code: "failed-precondition",
    about: "the prescription's appointment was cancelled: it is void",
  },
  "prescribing-window-closed": { code: "failed-precondition", about: "the time to prescribe has passed" },

  // Health records, consents.
  "record-not-found": { code: "not-found", about: "no such record, or no consent to read it" },
  "upload-missing": { code: "failed-precondition", about: "nothing was uploaded to this record yet" },
  "upload-changed": { code: "aborted", about: "the upload changed while it was checked; confirm again" },
  "upload-rejected": { code: "failed-precondition", about: "the upload was rejected and deleted" },
  "consent-not-found": { code: "not-found", about: "no such consent of the caller's" },
  "consent-conflict": { code: "failed-precondition", about: "this consent cannot be recorded" },

  // Identity, organisations, administration.
  "organisation-not-found": { code: "not-found", about: "no such organisation" },
  "application-not-found": { code: "not-found", about: "no application from this user" },
  "application-pending": { code: "already-exists", about: "an application is already pending review" },
  "role-conflict": { code: "failed-precondition", about: "the account's role does not allow this" },
  "user-not-found": { code: "not-found", about: "no such user" },
  "member-not-found": { code: "not-found", about: "no such member of this organisation" },
  "export-too-large": { code: "resource-exhausted", about: "more rows than one export holds; narrow it" },
  "no-index-for-filters": {
    code: "failed-precondition",
    about: "no index serves this combination of filters",
  },
  "appointments-ahead": { code: "failed-precondition", about: "cancel the upcoming appointments first" },
  "closed-by-admin": {
    code: "failed-precondition",
    about: "clinician and admin accounts are closed by an admin",
  },
  "emulator-only": { code: "failed-precondition", about: "only possible in the emulator" },

  // Phone verification.
  "wrong-code": { code: "invalid-argument", about: "not the code sent; `details.triesLeft`" },
  "too-many-wrong-codes": { code: "resource-exhausted", about: "too many wrong codes; request a new one" },
  "verification-expired": { code: "failed-precondition", about: "no code pending, or it expired" },

  // Acting for others (issue 15): health workers, family accounts.
  "not-carer": { code: "permission-denied", about: "the caller may not act for this patient" },
  "care-revoked": { code: "permission-denied", about: "the patient revoked the helper's authority" },
  "care-consent-pending": {
    code: "failed-precondition",
    about: "the patient has not yet agreed to the help",
  },
  "on-behalf-required": {
    code: "permission-denied",
    about: "a health worker acts only for a patient: give `onBehalfOf`",
  },

  // Pharmacy.
  "pharmacy-not-found": { code: "not-found", about: "no such pharmacy" },
  "pharmacy-not-approved": { code: "failed-precondition", about: "the pharmacy is not approved" },
  "medicine-unknown": { code: "invalid-argument", about: "a medicine id not in the medicine master" },
  "query-too-short": { code: "invalid-argument", about: "type at least 2 letters" },
  "import-interrupted": { code: "unavailable", about: "the import stopped part-way; run it again" },

  // The pharmacy counter: reserving and dispensing a prescription (issue 16).
  "prescription-expired": {
    code: "failed-precondition",
    about: "the prescription is past its validity (30 days from issue); `details.at` is when it lapsed",
  },
  "line-balance-exceeded": {
    code: "failed-precondition",
    about: "more than is left to dispense on a line",
  },
  "line-without-medicine": {
    code: "failed-precondition",
    about: "a line names no medicine of the master, so it cannot be reserved; ask at the counter",
  },
  "substitute-not-stocked": {
    code: "failed-precondition",
    about: "the substitute is not in the pharmacy's stock",
  },
  "not-enough-stock": {
    code: "failed-precondition",
    about: "fewer units in stock (unexpired, not reserved) than asked for",
  },
  "reservation-not-found": { code: "not-found", about: "no such reservation (at the caller's pharmacy)" },
  "reservation-closed": {
    code: "failed-precondition",
    about: "the reservation was declined, released or confirmed already",
  },
} as const satisfies Record<string, { code: ErrorCode; about: string }>;

export type ErrorReason = keyof typeof ERROR_REASONS;
export const ERROR_REASON_NAMES = Object.keys(ERROR_REASONS) as ErrorReason[];

/** The Firebase callable error codes (`FunctionsErrorCode` without the `functions/` prefix). */
export type ErrorCode =
  | "ok"
  | "cancelled"
  | "unknown"
  | "invalid-argument"
  | "deadline-exceeded"
  | "not-found"
  | "already-exists"
  | "permission-denied"
  | "resource-exhausted"
  | "failed-precondition"
  | "aborted"
  | "out-of-range"
  | "unimplemented"
  | "internal"
  | "unavailable"
  | "data-loss"
  | "unauthenticated";

/** The code a reason is always sent with. */
export type CodeOf<R extends ErrorReason> = (typeof ERROR_REASONS)[R]["code"];

/** The reason an error thrown without one is given (triggers/callable/run.ts). */
export const DEFAULT_REASONS: Record<ErrorCode, ErrorReason> = {
  ok: "unknown",
  cancelled: "unknown",
  unknown: "unknown",
  "invalid-argument": "invalid-request",
  "deadline-exceeded": "timeout",
  "not-found": "not-found",
  "already-exists": "already-exists",
  "permission-denied": "forbidden",
  "resource-exhausted": "rate-limited",
  "failed-precondition": "precondition-failed",
  aborted: "contention",
  "out-of-range": "invalid-request",
  unimplemented: "internal",
  internal: "internal",
  unavailable: "unavailable",
  "data-loss": "internal",
  unauthenticated: "sign-in-required",
};

/** One problem with one field of a request: `{ path: "address.pincode", problem: "…" }`. */
export interface FieldProblem {
  /** Dotted path into the request (`lines.0.dose`); empty for the request as a whole. */
  path: string;
  problem: string;
}

/**
 * What every refused call carries in `details`. Times are ISO 8601 instants (`…Z`), never words.
 */
export interface ErrorDetails {
  reason: ErrorReason;
  /** Validation problems, one per field (invalid-argument). */
  fields?: FieldProblem[];
  /** Rate limits: seconds until a retry may succeed, and that instant. */
  retryAfterSeconds?: number;
  retryAt?: string;
  [key: string]: unknown;
}

export function isErrorReason(value: unknown): value is ErrorReason {
  return typeof value === "string" && Object.hasOwn(ERROR_REASONS, value);
}
