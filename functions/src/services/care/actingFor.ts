import { checkActFor, checkActsForSelf } from "../../authz/care";
import type { Actor } from "../../domain/identity/actor";
import { careLinkFacts, getCareLink } from "../../repo/careLinks";
import { refusalError } from "../../schemas/errors";

/**
 * The actor a request acts as (issue 15). Without `onBehalfOf` (or naming the caller), the caller
 * for themselves; a health worker never acts for themselves. With it, the caller's care link to
 * that patient is read and authz/care.ts decides; the answer is the caller with `onBehalfOf` set,
 * which the booking and record services read as "the patient this is for" (`patientOf`) and the
 * audit records as "by the actor on behalf of the patient".
 *
 * The link is read before the change's own commit: a revocation that commits while a booking is in
 * flight may let that one booking through, as a revocation racing any request would.
 */
export async function actingFor(actor: Actor, onBehalfOf: string | undefined): Promise<Actor> {
  const caller: Actor = {
    uid: actor.uid,
    role: actor.role,
    org: actor.org,
    pharmacy: actor.pharmacy,
    platform: actor.platform,
  };
  if (onBehalfOf === undefined || onBehalfOf === caller.uid) {
    const refusal = checkActsForSelf(caller);
    if (refusal) throw refusalError(refusal);
    return caller;
  }
  const link = await getCareLink(onBehalfOf, caller.uid);
  const refusal = checkActFor(caller, onBehalfOf, link && careLinkFacts(link));
  if (refusal) throw refusalError(refusal);
  return { ...caller, onBehalfOf };
}
