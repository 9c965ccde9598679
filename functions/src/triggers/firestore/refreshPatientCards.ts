import { onDocumentWritten } from "firebase-functions/v2/firestore";

/**
 * A patient edits their profile directly (firestore.rules): the patient card on their appointments
 * follows (handlers/chart/refreshPatientCards.ts). Retried on failure; the handler is idempotent.
 */
export const refreshPatientCards = onDocumentWritten(
  { document: "patients/{patientUid}", retry: true },
  async (event) => {
    const { refreshPatientCards: refresh } = await import("../../handlers/chart/refreshPatientCards");
    await refresh(event.params.patientUid);
  },
);
