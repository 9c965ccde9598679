import { getAuth, type UserRecord } from "firebase-admin/auth";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { checkSetUserStatus } from "../../authz/admin";
import { canAdministerOrg } from "../../authz/policy";
import { profileOf, profileStatusAfter, type MemberStatus } from "../../domain/admin/userStatus";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getAvailability, updateScheduledDoctor } from "../../repo/availability";
import { getDoctor, updateDoctor } from "../../repo/doctors";
import { getMember, updateMember } from "../../repo/members";
import { getPharmacy, updatePharmacy } from "../../repo/pharmacies";
import { runTransaction } from "../../repo/transaction";
import type { SetUserStatusRequest } from "../../schemas/admin";
import { revokeSessions } from "../../services/identity/revokeSessions";
import { appError, refusalError } from "../../schemas/errors";
import { affectedBySuspension } from "../../domain/scheduling/affected";
import { newScheduleChangeId } from "../../repo/scheduleChanges";
import {
  affectedViews,
  applyScheduleChange,
  checkAcknowledged,
  checkBookingsUnchanged,
  upcomingAppointments,
  writeScheduleChange,
  type AffectedView,
  type ChangeOutcome,
} from "../../services/scheduling/scheduleChanges";

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
  /** Suspending a doctor with booked appointments not yet started: those (the suspension cancels them). */
  affected?: AffectedView[];
  /** Only listed (`dryRun: true`): nothing was written. */
  dryRun?: boolean;
  /** What the suspension did to those appointments. */
  schedule?: ChangeOutcome;
}

/**
 * Suspends or reinstates a member of an organisation. One transaction marks the membership
 * (`status`, `statusReason`, `statusChangedAt`, `statusChangedBy`), moves the doctor's or the
 * owned pharmacy's profile between `approved` and `suspended` (rules and functions show and use
 * approved profiles only) and appends `admin.userSuspended` / `admin.userReinstated`. Then Auth:
 * suspending disables the account and revokes its sessions (services/identity/revokeSessions.ts:
 * refresh tokens, and `revocations/{uid}` so that the ID tokens already issued stop at once in
 * every callable and in the rules of the collections that hold PHI); reinstating enables it, and
 * the user signs in again (their old tokens stay refused). Repeating a call re-applies the Auth
 * side, so a call that failed after the transaction can simply be retried. Custom claims are left
 * as they are: reinstating gives the same role back.
 *
 * Suspending a doctor cancels every booked appointment of theirs not yet started, patients and
 * the doctor told (services/scheduling/scheduleChanges.ts): `dryRun: true` lists them and writes
 * nothing; the suspension itself must acknowledge exactly them (`confirmAffected`), else it is
 * refused with `failed-precondition` (the list changed). Reinstating does not bring them back.
 */
export async function setUserStatus({
  actor,
  input,
  now,
  origin,
}: Call<SetUserStatusRequest>): Promise<SetUserStatusResult> {
  // Before looking anyone up, so that another organisation's uids cannot be probed.
  if (!canAdministerOrg(actor, input.org))
    throw appError("permission-denied", "other-organisation", "you administer another organisation");
  const user: UserRecord | null = await getAuth()
    .getUser(input.uid)
    .catch(() => null);
  const claims = (user?.customClaims ?? {}) as {
    role?: unknown;
    org?: unknown;
    platform?: unknown;
    pharmacy?: unknown;
  };

  const suspendingDoctor = input.status === "suspended" && claims.role === "doctor";
  const upcoming = suspendingDoctor ? await upcomingAppointments(input.uid, now) : null;
  const affected = upcoming ? affectedBySuspension(upcoming.booked, now) : [];
  const changeId = affected.length ? newScheduleChangeId() : null;

  const outcome = await runTransaction(async (tx) => {
    const stored = await getMember(input.org, input.uid, tx);
    const member = stored ? { role: stored.role, status: stored.status ?? "active" } : null;
    const refusal = checkSetUserStatus(actor, input.org, { uid: input.uid, claims, member });
    if (refusal) throw refusalError(refusal);
    const role = member!.role;

    const pharmacyId = typeof claims.pharmacy === "string" ? claims.pharmacy : null;
    const pharmacy = role === "pharmacist" && pharmacyId ? await getPharmacy(pharmacyId, tx) : null;
    const ref = profileOf(role, input.uid, claims, pharmacy?.ownerUid ?? null);
    const profile = !ref ? null : ref.collection === "pharmacies" ? pharmacy : await getDoctor(ref.id, tx);
    // A doctor's status is also on their schedule (availability) document, which booking reads.
    const schedule = ref?.collection === "doctors" ? await getAvailability(ref.id, tx) : null;
    // A profile of another organisation is not this admin's to move (data predating the org check).
    const profileInOrg = profile?.org === input.org;
    const current = profileInOrg ? profile!.status : undefined;
    const nextProfileStatus = profileStatusAfter(current, input.status);

    if (input.dryRun) return { changed: false, profile: null };
    // The suspension of an approved doctor cancels their upcoming appointments: acknowledged first.
    const cascades = changeId !== null && ref?.collection === "doctors" && nextProfileStatus === "suspended";
    const availability = cascades ? schedule : null;
    if (cascades) {
      checkAcknowledged(input.confirmAffected, upcoming!, affected);
      await checkBookingsUnchanged(ref.id, availability, upcoming!, now);
    }

    const changed = member!.status !== input.status;
    const at = Timestamp.fromDate(now);
    if (changed) {
      updateMember(tx, input.org, input.uid, {
        status: input.status,
        statusReason: input.reason,
        statusChangedAt: at,
        statusChangedBy: actor.uid,
      });
    }
    if (ref && nextProfileStatus) {
      const patch = { status: nextProfileStatus, updatedAt: at };
      // With the pharmacy as read, its search listing changes in this transaction too.
      if (ref.collection === "pharmacies")
        updatePharmacy(tx, ref.id, patch, pharmacy?.id === ref.id ? pharmacy : undefined);
      else {
        updateDoctor(tx, ref.id, patch);
        if (schedule) updateScheduledDoctor(tx, ref.id, { status: nextProfileStatus, org: profile!.org });
      }
    }
    const action = input.status === "suspended" ? "admin.userSuspended" : "admin.userReinstated";
    const target = { type: "user", id: input.uid };
    recordAction(tx, { action, actor, org: input.org, target, origin }, now);
    if (cascades)
      writeScheduleChange(
        tx,
        {
          id: changeId,
          doctorUid: ref.id,
          org: input.org,
          timezone:
            availability?.timezone ?? (profile as { timezone?: string } | null)?.timezone ?? "Asia/Kolkata",
          cause: "suspension",
          actor,
          origin,
          reason: input.reason,
          upcoming: upcoming!,
          affected,
        },
        now,
      );
    return {
      cascades,
      changed,
      profile:
        ref && profileInOrg
          ? { path: `${ref.collection}/${ref.id}`, status: String(nextProfileStatus ?? current) }
          : null,
    };
  });

  if (input.dryRun)
    return {
      uid: input.uid,
      org: input.org,
      status: input.status,
      changed: false,
      profile: null,
      disabled: user ? user.disabled : null,
      affected: upcoming ? affectedViews(upcoming, affected) : [],
      dryRun: true,
    };
  let disabled: boolean | null = null;
  if (user) {
    disabled = input.status === "suspended";
    await getAuth().updateUser(input.uid, { disabled });
    if (disabled) await revokeSessions(input.uid, "suspended", now);
  }
  logger.info(input.status === "suspended" ? "admin.userSuspended" : "admin.userReinstated", {
    org: input.org,
    uid: input.uid,
    by: actor.uid,
    changed: outcome.changed,
  });
  const schedule =
    "cascades" in outcome && outcome.cascades && changeId
      ? await applyScheduleChange(changeId, now, origin)
      : undefined;
  return {
    uid: input.uid,
    org: input.org,
    status: input.status,
    changed: outcome.changed,
    profile: outcome.profile,
    disabled,
    ...(upcoming && affected.length > 0 && { affected: affectedViews(upcoming, affected) }),
    ...(schedule && { schedule }),
  };
}
