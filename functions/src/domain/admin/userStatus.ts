/**
 * Suspending and reinstating a member: what happens to their membership and to the public
 * profile their role gave them. Pure; handlers/admin/setUserStatus.ts reads and writes.
 */

export type MemberStatus = "active" | "suspended";

/** Which profile document a member's role made public, if any. */
export type ProfileRef =
  { collection: "doctors"; id: string } | { collection: "pharmacies"; id: string } | null;

/**
 * A doctor's profile is `doctors/{uid}`. A pharmacist's is the pharmacy named in their claims,
 * and only if they own it (the approval that created it made them `ownerUid`): suspending one
 * pharmacist of a pharmacy run by someone else must not take the pharmacy down. Admins have none.
 */
export function profileOf(
  role: string,
  uid: string,
  claims: { pharmacy?: unknown },
  pharmacyOwnerUid?: string | null,
): ProfileRef {
  if (role === "doctor") return { collection: "doctors", id: uid };
  if (role === "pharmacist" && typeof claims.pharmacy === "string" && pharmacyOwnerUid === uid) {
    return { collection: "pharmacies", id: claims.pharmacy };
  }
  return null;
}

/**
 * The profile status after the change, or null to leave it as it is. Rules and functions show and
 * use only `approved` profiles, so `suspended` hides one. Only an approved profile is suspended
 * and only a suspended one is approved again: a profile in any other state is not ours to move.
 */
export function profileStatusAfter(current: unknown, next: MemberStatus): "approved" | "suspended" | null {
  if (next === "suspended") return current === "approved" ? "suspended" : null;
  return current === "suspended" ? "approved" : null;
}
