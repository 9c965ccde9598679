/**
 * What happens to a patient's data when they delete their account.
 *
 * Indian Medical Council (Professional Conduct, Etiquette and Ethics) Regulations 2002, 1.3.1:
 * medical records of patients are kept for three years from the start of treatment. So the
 * documents doctors wrote are retained, unreadable by anyone (rules and functions check
 * `patientDeleted`), until `retainUntil`; everything the patient provided is erased.
 */
export const RETENTION_YEARS = 3;

/** Retained (legal record of care), marked patientDeleted, readable by nobody. */
export const RETAINED = ["appointments", "consultations", "clinicalRecords", "prescriptions"] as const;
/** Erased at once: what the patient provided or what only concerns them. */
export const ERASED = ["patients", "records (metadata and files)", "accessLog", "bookingState", "outbox (their messages)", "exports", "the Auth user"] as const;

export function retainUntil(now: Date): Date {
  const until = new Date(now.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + RETENTION_YEARS);
  return until;
}
