import { revokeSessions } from "../../identity/revokeSessions";

/**
 * Step 2, before anything is erased: every session of the patient stops, so the token that asked
 * for the deletion (or any other) cannot book, upload or write a profile while the steps run and
 * leave data that nothing would erase (services/identity/revokeSessions.ts). The account still
 * exists: if a later step fails, the patient signs in again and retries.
 */
export async function stopSessions(patientUid: string, now: Date): Promise<void> {
  await revokeSessions(patientUid, "deleted", now);
}
