/** Video tokens are minted from this many minutes before the start until the end. */
export const TOKEN_LEAD_MINUTES = 10;
/** A participant who has not joined this long after the start is a no-show. */
export const NO_SHOW_GRACE_MINUTES = 15;
/** The no-show sweep looks this far back for appointments still booked (a stopped scheduler catches up within it). */
export const NO_SHOW_LOOKBACK_DAYS = 7;
