/**
 * The reasons a callable can be refused for: the stable codes clients act on and translate
 * (`error.details.reason`). One catalogue, imported by the functions (schemas/errors.ts
 * `appError`), re-exported by the client (client/src/errors.ts, with en / hi / pa messages for
 * each) and listed in the reference (docs/reference/). Pure data: the client loads this module.
 *
 * A reason names what happened, not how the code found out: `slot-taken`, not `lock-exists`.
 * Renaming one breaks clients; add a new one instead. Each has one Firebase error code.
 *
 * The table is by code, a row a reason: `code: { reason: what it means }`; the first reasons of a
 * code are its default and the general ones (DEFAULT_REASONS), the others follow by area.
 */
const REASONS_BY_CODE = {
  "invalid-argument": {
    "invalid-request": "the request does not match its schema",
    "invalid-cursor": "the cursor was not given by this listing",
    "mode-not-offered": "the doctor does not offer this consultation mode",
    "reason-required": "a doctor or admin cancelling must give a reason",
    "amendment-reason-required": "an amendment needs a reason",
    "wrong-code": "not the code sent; `details.triesLeft`",
    "medicine-unknown": "a medicine id not in the medicine master",
    "query-too-short": "type at least 2 letters",
  },
  "permission-denied": {
    forbidden: "the caller may not do this",
    "role-not-allowed": "the caller's role may not call this callable",
    "other-organisation": "the target belongs to another organisation",
    "not-participant": "only the appointment's patient and doctor may",
    "not-clinic": "only the appointment's doctor or an admin of its clinic may",
    "not-patient": "only the appointment's patient may",
    "chart-not-open":
      "a chart opens to a doctor during the patient's care with them, or under the patient's consent",
    "not-treating-doctor": "only the treating doctor may",
    "not-carer": "the caller may not act for this patient",
    "care-revoked": "the patient revoked the helper's authority",
    "on-behalf-required": "a health worker acts only for a patient: give `onBehalfOf`",
  },
  "not-found": {
    "not-found": "what the request names does not exist, or is not the caller's",
    "doctor-not-found": "no approved doctor with this id",
    "appointment-not-found": "no such appointment (of the caller's)",
    "prescription-not-found": "no such prescription (the caller may read)",
    "record-not-found": "no such record, or no consent to read it",
    "consent-not-found": "no such consent of the caller's",
    "organisation-not-found": "no such organisation",
    "application-not-found": "no application from this user",
    "user-not-found": "no such user",
    "member-not-found": "no such member of this organisation",
    "pharmacy-not-found": "no such pharmacy",
    "reservation-not-found": "no such reservation (at the caller's pharmacy)",
  },
  "failed-precondition": {
    "precondition-failed": "the state does not allow this now",
    "no-availability": "the doctor has not published availability",
    "slot-not-offered": "the time is outside the doctor's hours, too soon, too far ahead or taken",
    "overlapping-booking": "the patient already has an appointment then",
    "appointment-cancelled": "the appointment was cancelled",
    "appointment-not-started": "the appointment has not started yet",
    "too-late-to-change": "past the cut-off for changing it",
    "appointment-closed": "the appointment is no longer booked",
    "already-at-that-time": "the appointment is already at that time",
    "mode-no-longer-offered":
      "the doctor no longer offers the appointment's consultation mode at the new time",
    "no-open-proposal": "there is no open proposal for this appointment",
    "proposal-outdated": "the appointment moved, or another time was proposed, since this proposal",
    "proposal-expired": "the time to answer this proposal has passed",
    "summary-full": "the health summary holds its most entries",
    "affected-appointments":
      "the change affects booked appointments: confirm exactly those of `details.affected`",
    "affected-appointments-changed": "the doctor's bookings changed since the preview; preview again",
    "consultation-not-open": "the consultation is not open at this time",
    "prescription-not-verified": "the prescription's signature does not verify",
    "already-dispensed": "the prescription was dispensed; `details.at`",
    "prescription-void": "the prescription's appointment was cancelled: it is void",
    "prescribing-window-closed": "the time to prescribe has passed",
    "upload-missing": "nothing was uploaded to this record yet",
    "upload-rejected": "the upload was rejected and deleted",
    "consent-conflict": "this consent cannot be recorded",
    "role-conflict": "the account's role does not allow this",
    "no-index-for-filters": "no index serves this combination of filters",
    "appointments-ahead": "cancel the upcoming appointments first",
    "closed-by-admin": "clinician and admin accounts are closed by an admin",
    "emulator-only": "only possible in the emulator",
    "verification-expired": "no code pending, or it expired",
    "care-consent-pending": "the patient has not yet agreed to the help",
    "pharmacy-not-approved": "the pharmacy is not approved",
    "prescription-expired":
      "the prescription is past its validity (30 days from issue); `details.at` is when it lapsed",
    "line-balance-exceeded": "more than is left to dispense on a line",
    "line-without-medicine":
      "a line names no medicine of the master, so it cannot be reserved; ask at the counter",
    "substitute-not-stocked": "the substitute is not in the pharmacy's stock",
    "not-enough-stock": "fewer units in stock (unexpired, not reserved) than asked for",
    "reservation-closed": "the reservation was declined, released or confirmed already",
  },
  "already-exists": {
    "already-exists": "it exists already",
    "idempotency-key-reused": "this idempotency key was used for a different request",
    "slot-taken": "someone else has just booked this slot",
    "application-pending": "an application is already pending review",
  },
  "resource-exhausted": {
    "rate-limited": "too many requests; `details.retryAfterSeconds`",
    "too-many-open-bookings": "the patient has too many open bookings",
    "export-too-large": "more rows than one export holds; narrow it",
    "too-many-wrong-codes": "too many wrong codes; request a new one",
  },
  unauthenticated: {
    "sign-in-required": "no signed-in user, or no valid App Check token",
    "app-check-reused": "a limited-use App Check token was used twice",
    "signed-out": "this session was signed out or revoked; sign in again",
  },
  aborted: {
    contention: "too many changes at once; try again",
    "booking-contention": "too many bookings of this doctor at once; try again",
    "upload-changed": "the upload changed while it was checked; confirm again",
  },
  unavailable: {
    unavailable: "a service is unavailable; try again",
    "import-interrupted": "the import stopped part-way; run it again",
  },
  "deadline-exceeded": {
    timeout: "the call took too long",
  },
  internal: {
    internal: "a fault on the server",
  },
  unknown: {
    unknown: "an error without a known cause",
  },
} as const satisfies Partial<Record<ErrorCode, Record<string, string>>>;

type ByCode = typeof REASONS_BY_CODE;
type Code = keyof ByCode;
export type ErrorReason = { [C in Code]: keyof ByCode[C] }[Code];

/** The reasons that stand under two codes: none may (each has one code; errors.test.ts checks). */
export type ReasonsUnderTwoCodes = {
  [C in Code]: { [D in Exclude<Code, C>]: keyof ByCode[C] & keyof ByCode[D] }[Exclude<Code, C>];
}[Code];

/** The code a reason is always sent with. */
export type CodeOf<R extends ErrorReason> = { [C in Code]: R extends keyof ByCode[C] ? C : never }[Code];

/** The catalogue by reason, `{ code, about }`. */
export const ERROR_REASONS = Object.fromEntries(
  Object.entries(REASONS_BY_CODE).flatMap(([code, reasons]) =>
    Object.entries(reasons).map(([reason, about]) => [reason, { code, about }]),
  ),
) as { readonly [R in ErrorReason]: { readonly code: CodeOf<R>; readonly about: string } };
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
