/**
 * The reasons a callable can be refused for: the stable codes clients act on and translate
 * (`error.details.reason`). One catalogue, imported by the functions (schemas/errors.ts
 * `appError`), re-exported by the client (client/src/errors.ts, with en / hi / pa messages for
 * each) and listed in the reference (docs/reference/). Pure data: the client loads this module.
 *
 * A reason names what happened, not how the code found out: `slot-taken`, not `lock-exists`.
 * Renaming one breaks clients; add a new one instead. Each has one Firebase error code.
 *
 * One row a reason: `reason: [its Firebase error code, what it means]`.
 */
const REASONS = {
  // The defaults: an error thrown without a reason gets the one of its code (see DEFAULT_REASONS).
  "invalid-request": ["invalid-argument", "the request does not match its schema"],
  forbidden: ["permission-denied", "the caller may not do this"],
  "not-found": ["not-found", "what the request names does not exist, or is not the caller's"],
  "precondition-failed": ["failed-precondition", "the state does not allow this now"],
  "already-exists": ["already-exists", "it exists already"],
  "rate-limited": ["resource-exhausted", "too many requests; `details.retryAfterSeconds`"],
  "sign-in-required": ["unauthenticated", "no signed-in user, or no valid App Check token"],
  contention: ["aborted", "too many changes at once; try again"],
  unavailable: ["unavailable", "a service is unavailable; try again"],
  timeout: ["deadline-exceeded", "the call took too long"],
  internal: ["internal", "a fault on the server"],
  unknown: ["unknown", "an error without a known cause"],

  // Sign-in and the shared steps (services/callable/).
  "app-check-reused": ["unauthenticated", "a limited-use App Check token was used twice"],
  "signed-out": ["unauthenticated", "this session was signed out or revoked; sign in again"],
  "role-not-allowed": ["permission-denied", "the caller's role may not call this callable"],
  "other-organisation": ["permission-denied", "the target belongs to another organisation"],
  "not-participant": ["permission-denied", "only the appointment's patient and doctor may"],
  "idempotency-key-reused": ["already-exists", "this idempotency key was used for a different request"],
  "invalid-cursor": ["invalid-argument", "the cursor was not given by this listing"],

  // Scheduling and booking.
  "doctor-not-found": ["not-found", "no approved doctor with this id"],
  "no-availability": ["failed-precondition", "the doctor has not published availability"],
  "slot-taken": ["already-exists", "someone else has just booked this slot"],
  "slot-not-offered": [
    "failed-precondition",
    "the time is outside the doctor's hours, too soon, too far ahead or taken",
  ],
  "mode-not-offered": ["invalid-argument", "the doctor does not offer this consultation mode"],
  "overlapping-booking": ["failed-precondition", "the patient already has an appointment then"],
  "too-many-open-bookings": ["resource-exhausted", "the patient has too many open bookings"],
  "booking-contention": ["aborted", "too many bookings of this doctor at once; try again"],
  "appointment-not-found": ["not-found", "no such appointment (of the caller's)"],
  "appointment-cancelled": ["failed-precondition", "the appointment was cancelled"],
  "appointment-not-started": ["failed-precondition", "the appointment has not started yet"],
  "too-late-to-change": ["failed-precondition", "past the cut-off for changing it"],
  "reason-required": ["invalid-argument", "a doctor or admin cancelling must give a reason"],
  "appointment-closed": ["failed-precondition", "the appointment is no longer booked"],

  // Schedules that change from the clinic's side, and the patient's chart (issue 14).
  "not-clinic": ["permission-denied", "only the appointment's doctor or an admin of its clinic may"],
  "not-patient": ["permission-denied", "only the appointment's patient may"],
  "already-at-that-time": ["failed-precondition", "the appointment is already at that time"],
  "mode-no-longer-offered": [
    "failed-precondition",
    "the doctor no longer offers the appointment's consultation mode at the new time",
  ],
  "no-open-proposal": ["failed-precondition", "there is no open proposal for this appointment"],
  "proposal-outdated": [
    "failed-precondition",
    "the appointment moved, or another time was proposed, since this proposal",
  ],
  "proposal-expired": ["failed-precondition", "the time to answer this proposal has passed"],
  "chart-not-open": [
    "permission-denied",
    "a chart opens to a doctor during the patient's care with them, or under the patient's consent",
  ],
  "summary-full": ["failed-precondition", "the health summary holds its most entries"],
  "affected-appointments": [
    "failed-precondition",
    "the change affects booked appointments: confirm exactly those of `details.affected`",
  ],
  "affected-appointments-changed": [
    "failed-precondition",
    "the doctor's bookings changed since the preview; preview again",
  ],

  // Consultations.
  "consultation-not-open": ["failed-precondition", "the consultation is not open at this time"],

  // Clinical records and prescriptions.
  "not-treating-doctor": ["permission-denied", "only the treating doctor may"],
  "amendment-reason-required": ["invalid-argument", "an amendment needs a reason"],
  "prescription-not-found": ["not-found", "no such prescription (the caller may read)"],
  "prescription-not-verified": ["failed-precondition", "the prescription's signature does not verify"],
  "already-dispensed": ["failed-precondition", "the prescription was dispensed; `details.at`"],
  "prescription-void": ["failed-precondition", "the prescription's appointment was cancelled: it is void"],
  "prescribing-window-closed": ["failed-precondition", "the time to prescribe has passed"],

  // Health records, consents.
  "record-not-found": ["not-found", "no such record, or no consent to read it"],
  "upload-missing": ["failed-precondition", "nothing was uploaded to this record yet"],
  "upload-changed": ["aborted", "the upload changed while it was checked; confirm again"],
  "upload-rejected": ["failed-precondition", "the upload was rejected and deleted"],
  "consent-not-found": ["not-found", "no such consent of the caller's"],
  "consent-conflict": ["failed-precondition", "this consent cannot be recorded"],

  // Identity, organisations, administration.
  "organisation-not-found": ["not-found", "no such organisation"],
  "application-not-found": ["not-found", "no application from this user"],
  "application-pending": ["already-exists", "an application is already pending review"],
  "role-conflict": ["failed-precondition", "the account's role does not allow this"],
  "user-not-found": ["not-found", "no such user"],
  "member-not-found": ["not-found", "no such member of this organisation"],
  "export-too-large": ["resource-exhausted", "more rows than one export holds; narrow it"],
  "no-index-for-filters": ["failed-precondition", "no index serves this combination of filters"],
  "appointments-ahead": ["failed-precondition", "cancel the upcoming appointments first"],
  "closed-by-admin": ["failed-precondition", "clinician and admin accounts are closed by an admin"],
  "emulator-only": ["failed-precondition", "only possible in the emulator"],

  // Phone verification.
  "wrong-code": ["invalid-argument", "not the code sent; `details.triesLeft`"],
  "too-many-wrong-codes": ["resource-exhausted", "too many wrong codes; request a new one"],
  "verification-expired": ["failed-precondition", "no code pending, or it expired"],

  // Acting for others (issue 15): health workers, family accounts.
  "not-carer": ["permission-denied", "the caller may not act for this patient"],
  "care-revoked": ["permission-denied", "the patient revoked the helper's authority"],
  "care-consent-pending": ["failed-precondition", "the patient has not yet agreed to the help"],
  "on-behalf-required": ["permission-denied", "a health worker acts only for a patient: give `onBehalfOf`"],

  // Pharmacy.
  "pharmacy-not-found": ["not-found", "no such pharmacy"],
  "pharmacy-not-approved": ["failed-precondition", "the pharmacy is not approved"],
  "medicine-unknown": ["invalid-argument", "a medicine id not in the medicine master"],
  "query-too-short": ["invalid-argument", "type at least 2 letters"],
  "import-interrupted": ["unavailable", "the import stopped part-way; run it again"],

  // The pharmacy counter: reserving and dispensing a prescription (issue 16).
  "prescription-expired": [
    "failed-precondition",
    "the prescription is past its validity (30 days from issue); `details.at` is when it lapsed",
  ],
  "line-balance-exceeded": ["failed-precondition", "more than is left to dispense on a line"],
  "line-without-medicine": [
    "failed-precondition",
    "a line names no medicine of the master, so it cannot be reserved; ask at the counter",
  ],
  "substitute-not-stocked": ["failed-precondition", "the substitute is not in the pharmacy's stock"],
  "not-enough-stock": [
    "failed-precondition",
    "fewer units in stock (unexpired, not reserved) than asked for",
  ],
  "reservation-not-found": ["not-found", "no such reservation (at the caller's pharmacy)"],
  "reservation-closed": [
    "failed-precondition",
    "the reservation was declined, released or confirmed already",
  ],
} as const satisfies Record<string, readonly [ErrorCode, string]>;

type Reasons = typeof REASONS;
export type ErrorReason = keyof Reasons;

/** The catalogue by reason, `{ code, about }`, in the order of the table above. */
export const ERROR_REASONS = Object.fromEntries(
  Object.entries(REASONS).map(([reason, [code, about]]) => [reason, { code, about }]),
) as { readonly [R in ErrorReason]: { readonly code: Reasons[R][0]; readonly about: Reasons[R][1] } };
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
export type CodeOf<R extends ErrorReason> = Reasons[R][0];

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
