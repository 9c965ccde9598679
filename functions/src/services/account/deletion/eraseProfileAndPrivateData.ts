import { commitWrites, findStoredByPatient, getStored, storedPath } from "../../../repo/stored";

/**
 * Step 5. What only concerns the patient is erased: the access log of their records, the messages
 * sent to them (phone numbers and bodies) and the reminders planned for them, their profile and
 * health summary (docs/patient-chart.md), their
 * proven number and any code waiting for it, their booking state and their role application (a
 * pending or rejected one: an approved applicant is no longer a patient, and clinicians' accounts
 * are closed by an administrator).
 */
export async function eraseProfileAndPrivateData(
  patientUid: string,
): Promise<{ accessLog: number; messages: number; reminders: number; application: number }> {
  const [accessLog, messages, reminders, application] = await Promise.all([
    findStoredByPatient("accessLog", patientUid),
    findStoredByPatient("outbox", patientUid),
    findStoredByPatient("reminders", patientUid),
    getStored("applications", patientUid),
  ]);
  await commitWrites([
    ...[...accessLog, ...messages, ...reminders].map((doc) => ({ delete: doc.path })),
    { delete: storedPath("applications", patientUid) },
    { delete: storedPath("patients", patientUid) },
    { delete: storedPath("healthSummaries", patientUid) },
    { delete: storedPath("contacts", patientUid) },
    { delete: storedPath("phoneVerifications", patientUid) },
    { delete: storedPath("bookingState", patientUid) },
  ]);
  return {
    accessLog: accessLog.length,
    messages: messages.length,
    reminders: reminders.length,
    application: application ? 1 : 0,
  };
}
