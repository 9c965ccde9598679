import type { Actor } from "../domain/identity/actor";

/**
 * Pure access decisions for the function layer. The same decisions for client reads live
 * in firestore.rules; both are tested.
 */

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.role === "admin" && actor.platform;
}

/** An admin of this organisation, or a platform admin. */
export function canAdministerOrg(actor: Actor, org: string): boolean {
  return isPlatformAdmin(actor) || (actor.role === "admin" && actor.org === org);
}

export function canReviewApplication(actor: Actor, application: { org: string }): boolean {
  return canAdministerOrg(actor, application.org);
}

export function canCreateOrganisation(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

export function canAssignOrgAdmin(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/** Stock is written by the pharmacists of that pharmacy (their claim names it). */
export function canManageStock(actor: Actor, pharmacyId: string): boolean {
  return actor.role === "pharmacist" && actor.pharmacy === pharmacyId;
}

/** The medicine master is kept by platform admins. */
export function canEditMedicineMaster(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/** A call-back ticket: an admin of its clinic, or a platform admin (its clinic unknown or not). */
export function canHandleTicket(actor: Actor, ticket: { org: string | null }): boolean {
  return ticket.org === null ? isPlatformAdmin(actor) : canAdministerOrg(actor, ticket.org);
}
