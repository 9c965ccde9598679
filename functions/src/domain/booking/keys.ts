/**
 * Deterministic ids. A slot's key, from (doctor, start instant): kept on the appointment as
 * `slotLockId`, the id of its `slotLocks/` document in the layout before booked and held time
 * lived on the doctor's schedule (moves and cancellations delete that document, if any).
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
