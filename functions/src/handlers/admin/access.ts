import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { adminScope } from "../../authz/admin";
import type { Actor } from "../../domain/identity/actor";
import { organisationRef } from "../../repo/organisations";
import { requireActor } from "../context";

/**
 * Every admin callable starts here: a signed-in admin whose token is checked against Auth once
 * more (`checkRevoked`), so a suspended or demoted admin stops at once, not when the token expires.
 */
export async function requireAdmin(request: CallableRequest<unknown>): Promise<Actor> {
  const actor = await requireActor(request, { checkRevoked: true });
  if (actor.role !== "admin") throw new HttpsError("permission-denied", "only admins may do this");
  return actor;
}

/**
 * The organisation a request covers (null: the whole platform, where allowed), refused with the
 * policy's code. A named organisation must exist.
 */
export async function resolveScope(
  actor: Actor,
  requestedOrg: string | undefined,
  options: { platformWide: boolean },
): Promise<string | null> {
  const scope = adminScope(actor, requestedOrg, options);
  if (!scope.ok) throw new HttpsError(scope.refusal.code, scope.refusal.message);
  if (scope.org !== null && !(await organisationRef(scope.org).get()).exists) {
    throw new HttpsError("not-found", `organisation ${scope.org} does not exist`);
  }
  return scope.org;
}

/** The audit target for an organisation-or-platform read. */
export function scopeTarget(type: string, org: string | null): { type: string; id: string } {
  return { type, id: org ?? "platform" };
}
