import type { Claims, Role } from "../../schemas/identity";

/** Who is making a request, as read from verified token claims. */
export interface Actor {
  uid: string;
  role: Role;
  org?: string;
  pharmacy?: string;
  /** A platform admin acts across organisations. */
  platform: boolean;
  /**
   * The patient this request acts for (issue 15: a health worker, or the holder of a family
   * account). Never read from claims: set only by services/care/actingFor.ts after authz/care.ts
   * decided the actor may act for that patient. The actor (uid, role) stays who made the request.
   */
  onBehalfOf?: string;
}

/** The patient a request is for: the one acted for, else the actor themselves. */
export function patientOf(actor: Actor): string {
  return actor.onBehalfOf ?? actor.uid;
}

/** A history entry's `onBehalfOf`: the patient the actor acted for, when they did (issue 15). */
export function onBehalf(actor: Actor): { onBehalfOf?: string } {
  return actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {};
}

/**
 * Reads an actor from decoded token claims. A token without a known role (a user created
 * before the blocking trigger existed, or claims edited by hand) is treated as a patient,
 * the role with the least privilege.
 */
export function actorFromClaims(uid: string, token: Record<string, unknown>): Actor {
  const role =
    (["patient", "doctor", "pharmacist", "admin", "healthWorker"] as const).find((r) => r === token.role) ??
    "patient";
  const org = typeof token.org === "string" ? token.org : undefined;
  const pharmacy = typeof token.pharmacy === "string" ? token.pharmacy : undefined;
  return { uid, role, org, pharmacy, platform: role === "admin" && token.platform === true };
}

/** The claims every new account starts with. */
export function signUpClaims(): Claims {
  return { role: "patient" };
}
