/** Video tokens are minted from this many minutes before the start until the end. */
export const TOKEN_LEAD_MINUTES = 10;
/** A participant who has not joined this long after the start is a no-show. */
export const NO_SHOW_GRACE_MINUTES = 15;
/** Signed links to a prescription PDF: in the app, and in the SMS. */
export const RX_LINK_MINUTES = 15;
export const RX_SMS_LINK_HOURS = 24;
/** The no-show sweep looks this far back for appointments still booked (a stopped scheduler catches up within it). */
export const NO_SHOW_LOOKBACK_DAYS = 7;
