import { adminScope } from "../../authz/admin";
import type { Actor } from "../../domain/identity/actor";
import { getOrganisation } from "../../repo/organisations";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The organisation an admin request covers (null: the whole platform, where allowed), decided by
 * the policy (authz/admin.ts) and refused with its code. A named organisation must exist.
 */
export async function resolveAdminScope(
  actor: Actor,
  requestedOrg: string | undefined,
  options: { platformWide: boolean },
): Promise<string | null> {
  const scope = adminScope(actor, requestedOrg, options);
  if (!scope.ok) throw refusalError(scope.refusal);
  if (scope.org !== null && !(await getOrganisation(scope.org))) {
    throw appError("not-found", "organisation-not-found", `organisation ${scope.org} does not exist`);
  }
  return scope.org;
}

/** The audit target of a read over an organisation, or over the platform (org null). */
export function scopeTarget(type: string, org: string | null): { type: string; id: string } {
  return { type, id: org ?? "platform" };
}
