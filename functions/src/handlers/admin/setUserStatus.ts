import { getAuth, type UserRecord } from "firebase-admin/auth";
import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { checkSetUserStatus } from "../../authz/admin";
import { canAdministerOrg } from "../../authz/policy";
import { profileOf, profileStatusAfter, type MemberStatus } from "../../domain/admin/userStatus";
import { appendAudit } from "../../repo/audit";
import { db } from "../../repo/firestore";
import { memberRef } from "../../repo/organisations";
import { pharmacyRef } from "../../repo/pharmacies";
import { setUserStatusRequestSchema } from "../../schemas/admin";
import { requestOrigin } from "../context";
import { parseRequest } from "../errors";
import { requireAdmin } from "./access";

export interface SetUserStatusResult {
  uid: string;
  org: string;
  status: MemberStatus;
  /** The membership's status changed (false: it already had this status; Auth re-applied). */
  changed: boolean;
  /** The profile made public by the member's role, e.g. `doctors/{uid}`, and its status now. */
  profile: { path: string; status: string } | null;
  /** The Auth account is disabled now; null when there is no Auth account any more. */
  disabled: boolean | null;
}

/**
 * Suspends or reinstates a member of an organisation. One transaction marks the membership
 * (`status`, `statusReason`, `statusChangedAt`, `statusChangedBy`), moves the doctor's or the
 * owned pharmacy's profile between `approved` and `suspended` (rules and functions show and use
 * approved profiles only) and appends `admin.userSuspended` / `admin.userReinstated`. Then Auth:
 * suspending disables the account and revokes its refresh tokens (admin callables check
 * revocation, so a suspended admin stops at once; other tokens lapse within the hour and cannot be
 * refreshed); reinstating enables it. Repeating a call re-applies the Auth side, so a call that
 * failed after the transaction can simply be retried. Custom claims are left as they are:
 * reinstating gives the same role back.
 */
export async function setUserStatus(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<SetUserStatusResult> {
  const actor = await requireAdmin(request);
  const input = parseRequest(setUserStatusRequestSchema, request.data);
  // Before looking anyone up, so that another organisation's uids cannot be probed.
  if (!canAdministerOrg(actor, input.org))
    throw new HttpsError("permission-denied", "you administer another organisation");
  const user: UserRecord | null = await getAuth()
    .getUser(input.uid)
    .catch(() => null);
  const claims = (user?.customClaims ?? {}) as {
    role?: unknown;
    org?: unknown;
    platform?: unknown;
    pharmacy?: unknown;
  };

  const outcome = await db().runTransaction(async (tx) => {
    const memberSnap = await tx.get(memberRef(input.org, input.uid));
    const member = memberSnap.exists
      ? { role: String(memberSnap.get("role")), status: String(memberSnap.get("status") ?? "active") }
      : null;
    const refusal = checkSetUserStatus(actor, input.org, { uid: input.uid, claims, member });
    if (refusal) throw new HttpsError(refusal.code, refusal.message);
    const role = member!.role;

    const pharmacyId = typeof claims.pharmacy === "string" ? claims.pharmacy : null;
    const pharmacySnap = role === "pharmacist" && pharmacyId ? await tx.get(pharmacyRef(pharmacyId)) : null;
    const ref = profileOf(
      role,
      input.uid,
      claims,
      pharmacySnap?.exists ? (pharmacySnap.get("ownerUid") as string) : null,
    );
    const profileDoc = ref ? db().collection(ref.collection).doc(ref.id) : null;
    const profileSnap = profileDoc
      ? ref!.collection === "pharmacies"
        ? pharmacySnap!
        : await tx.get(profileDoc)
      : null;
    // A profile of another organisation is not this admin's to move (data predating the org check).
    const profileInOrg = profileSnap?.exists && profileSnap.get("org") === input.org;
    const current = profileInOrg ? profileSnap!.get("status") : undefined;
    const nextProfileStatus = profileStatusAfter(current, input.status);

    const changed = member!.status !== input.status;
    if (changed) {
      tx.update(memberRef(input.org, input.uid), {
        status: input.status,
        statusReason: input.reason,
        statusChangedAt: now,
        statusChangedBy: actor.uid,
      });
    }
    if (profileDoc && nextProfileStatus) tx.update(profileDoc, { status: nextProfileStatus, updatedAt: now });
    appendAudit(
      tx,
      {
        action: input.status === "suspended" ? "admin.userSuspended" : "admin.userReinstated",
        actor,
        org: input.org,
        target: { type: "user", id: input.uid },
        origin: requestOrigin(request),
      },
      now,
    );
    return {
      changed,
      profile:
        profileDoc && profileInOrg
          ? { path: profileDoc.path, status: String(nextProfileStatus ?? current) }
          : null,
    };
  });

  let disabled: boolean | null = null;
  if (user) {
    disabled = input.status === "suspended";
    await getAuth().updateUser(input.uid, { disabled });
    if (disabled) await getAuth().revokeRefreshTokens(input.uid);
  }
  logger.info(input.status === "suspended" ? "admin.userSuspended" : "admin.userReinstated", {
    org: input.org,
    uid: input.uid,
    by: actor.uid,
    changed: outcome.changed,
  });
  return {
    uid: input.uid,
    org: input.org,
    status: input.status,
    changed: outcome.changed,
    profile: outcome.profile,
    disabled,
  };
}
