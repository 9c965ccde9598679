import type { Actor } from "../domain/identity/actor";
import { canAdministerOrg, isPlatformAdmin } from "./policy";
import type { ErrorReason } from "../schemas/errorReasons";

/**
 * Pure access decisions for the admin callables (handlers/admin/). An organisation admin works
 * on their own organisation; a platform admin on any, and on the whole platform where a callable
 * allows it (org omitted).
 */

export interface AdminRefusal {
  code: "permission-denied" | "invalid-argument" | "not-found";
  message: string;
  reason?: ErrorReason;
}

export type AdminScope = { ok: true; org: string | null } | { ok: false; refusal: AdminRefusal };

/**
 * Which organisation an admin request covers. `org: null` means the whole platform, given only
 * to a platform admin and only where `platformWide` is allowed. An organisation admin who omits
 * `org` gets their own.
 */
export function adminScope(
  actor: Actor,
  requestedOrg: string | undefined,
  options: { platformWide: boolean },
): AdminScope {
  if (actor.role !== "admin") return refuse("permission-denied", "only admins may do this");
  if (requestedOrg !== undefined) {
    return canAdministerOrg(actor, requestedOrg)
      ? { ok: true, org: requestedOrg }
      : refuse("permission-denied", "you administer another organisation");
  }
  if (isPlatformAdmin(actor)) {
    return options.platformWide
      ? { ok: true, org: null }
      : refuse("invalid-argument", "org: name the organisation");
  }
  return actor.org
    ? { ok: true, org: actor.org }
    : refuse("permission-denied", "your admin account has no organisation");
}

/** The user whose status an admin wants to change, as read from Auth and the membership. */
export interface StatusTarget {
  uid: string;
  /** From the target's custom claims. */
  claims: { role?: unknown; org?: unknown; platform?: unknown };
  /** `organisations/{org}/members/{uid}`, or null when there is none. */
  member: { role: string; status: string } | null;
}

/**
 * May this admin suspend or reinstate this user in `org`? Nobody changes their own status (an
 * admin could lock themselves out, or reinstate themselves); an organisation admin cannot touch
 * a platform admin or a member of another organisation; the user must be a member of `org`.
 */
export function checkSetUserStatus(actor: Actor, org: string, target: StatusTarget): AdminRefusal | null {
  if (!canAdministerOrg(actor, org))
    return {
      code: "permission-denied",
      reason: "other-organisation",
      message: "you administer another organisation",
    };
  if (target.uid === actor.uid)
    return { code: "permission-denied", reason: "forbidden", message: "you cannot change your own status" };
  const targetIsPlatformAdmin = target.claims.role === "admin" && target.claims.platform === true;
  if (targetIsPlatformAdmin && !isPlatformAdmin(actor)) {
    return {
      code: "permission-denied",
      reason: "forbidden",
      message: "only a platform admin can change a platform admin's status",
    };
  }
  if (typeof target.claims.org === "string" && target.claims.org !== org) {
    return {
      code: "permission-denied",
      reason: "other-organisation",
      message: "this user belongs to another organisation",
    };
  }
  if (!target.member)
    return { code: "not-found", reason: "member-not-found", message: "no such member of this organisation" };
  return null;
}

function refuse(code: AdminRefusal["code"], message: string): AdminScope {
  return { ok: false, refusal: { code, message } };
}
