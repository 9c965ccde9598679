/**
 * Deterministic document ids. A slot is taken by creating the lock whose id is derived from
 * (doctor, start instant): two bookings of one slot race for one document, and Firestore lets
 * exactly one transaction create it. Every path that takes or frees a slot uses this id.
 */
export function slotLockId(doctorUid: string, startMs: number): string {
  // 2026-12-01T03:30:00.000Z -> 20261201T033000Z
  const compact = new Date(startMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return `${doctorUid}_${compact}`;
}

/** One idempotency record per (user, client key): a retry finds the first result. */
export function idempotencyDocId(uid: string, key: string): string {
  return `${uid}_${key}`;
}
