/**
 * What happens to a patient's data when they delete their account.
 *
 * Indian Medical Council (Professional Conduct, Etiquette and Ethics) Regulations 2002, 1.3.1:
 * medical records of patients are kept for three years from the start of treatment. So the
 * documents of their care are moved, as they are, into `retained/{patientUid}/{collection}/{id}`
 * (subcollections flattened as `{parentId}_{id}`), which no security rule opens: only functions
 * and the Firebase console reach them, for a legal request, until `retainUntil`. Everything the
 * patient provided is erased. Moving (not flagging) matters: rules do not filter queries, so a
 * flagged document would still come back from a client's list query.
 */
export const RETENTION_YEARS = 3;
/** Stored with the archive: why it is kept. */
export const RETENTION_POLICY = "IMC Regulations 2002, 1.3.1: three years";

/** Moved to the archive: the legal record of care, and the consents given. */
export const RETAINED = [
  "appointments",
  "consultations",
  "clinicalRecords",
  "prescriptions",
  "consents",
] as const;
/** Subcollections moved with their parents. */
export const RETAINED_SUBCOLLECTIONS: Partial<Record<(typeof RETAINED)[number], string>> = {
  consultations: "events",
  clinicalRecords: "versions",
};
/** Erased at once: what the patient provided or what only concerns them. */
export const ERASED = [
  "patients",
  "healthSummaries (the patient's health summary)",
  "records (metadata and files)",
  "accessLog",
  "bookingState",
  "outbox (their messages)",
  "reminders (planned for them)",
  "applications (their role application, pending or rejected)",
  "exports",
  "the Auth user",
] as const;

export function retainUntil(now: Date): Date {
  const until = new Date(now.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + RETENTION_YEARS);
  return until;
}
