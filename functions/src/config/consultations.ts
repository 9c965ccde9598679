/** Video tokens are minted from this many minutes before the start until the end. */
export const TOKEN_LEAD_MINUTES = 10;
/** A participant who has not joined this long after the start is a no-show. */
export const NO_SHOW_GRACE_MINUTES = 15;
/** The no-show sweep looks this far back for appointments still booked (a stopped scheduler catches up within it). */
export const NO_SHOW_LOOKBACK_DAYS = 7;
/** A patient waiting alone this long after the start is told the doctor is late, and the clinic alerted. */
export const DOCTOR_LATE_MINUTES = 5;
/** Sessions still open past their end: ended by the system under this policy (domain/consultations/session.ts). */
export { DEFAULT_AUTO_END as AUTO_END_POLICY } from "../domain/consultations/session";
