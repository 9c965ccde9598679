import { COLLECTIONS, db } from "./firestore";

/**
 * The health check's Firestore probe (handlers/http/health.ts): a read of a document that need
 * not exist, so Firestore answers, with our credentials, and nothing is written.
 */
export async function probeFirestore(): Promise<void> {
  await db().collection(COLLECTIONS.rateLimits).doc("health-probe").get();
}
