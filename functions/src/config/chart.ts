/**
 * The patient's chart (docs/patient-chart.md). A treating doctor reads it from the booking until
 * this many days after the visit ends (authz/chart.ts `careCovers`); later, only under a consent.
 */
export const CHART_WINDOW_DAYS = 14;

/** At most this many entries in a health summary (one document: the chart reads it at once). */
export const SUMMARY_MAX_ENTRIES = 200;

/** The chart lists at most this many past consultations and shared records, newest first. */
export const CHART_MAX_CONSULTATIONS = 20;
export const CHART_MAX_RECORDS = 50;
