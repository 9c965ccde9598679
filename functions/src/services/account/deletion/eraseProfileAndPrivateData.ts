import { commitWrites, findStoredByPatient, storedPath } from "../../../repo/stored";

/**
 * Step 4. What only concerns the patient is erased: the access log of their records, the messages
 * sent to them (phone numbers and bodies), their profile, their proven number and any code
 * waiting for it, and their booking state.
 */
export async function eraseProfileAndPrivateData(
  patientUid: string,
): Promise<{ accessLog: number; messages: number }> {
  const [accessLog, messages] = await Promise.all([
    findStoredByPatient("accessLog", patientUid),
    findStoredByPatient("outbox", patientUid),
  ]);
  await commitWrites([
    ...[...accessLog, ...messages].map((doc) => ({ delete: doc.path })),
    { delete: storedPath("patients", patientUid) },
    { delete: storedPath("contacts", patientUid) },
    { delete: storedPath("phoneVerifications", patientUid) },
    { delete: storedPath("bookingState", patientUid) },
  ]);
  return { accessLog: accessLog.length, messages: messages.length };
}
