import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { userExists } from "../../adapters/identity";
import { careLinkId, checkCanRevoke } from "../../authz/care";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { careLinkFacts, getCareLink, updateCareLink } from "../../repo/careLinks";
import { runTransaction } from "../../repo/transaction";
import type { RevokeCareLinkRequest } from "../../schemas/care";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The patient ends a helper's authority at once (issue 15); a helper may step down. Revoking twice
 * answers the same. A family account's holder cannot step down from a dependant who has no login
 * of their own yet: nobody could act for the dependant then.
 */
export async function revokeCareLink({
  actor,
  input,
  now,
  origin,
}: Call<RevokeCareLinkRequest>): Promise<{ status: "revoked"; patientUid: string; helperUid: string }> {
  const { patientUid, helperUid } = input;
  const answer = { status: "revoked" as const, patientUid, helperUid };
  const current = await getCareLink(patientUid, helperUid);
  const early = checkCanRevoke(actor, current && careLinkFacts(current));
  if (early) throw refusalError(early);
  if (current?.kind === "holder" && actor.uid === helperUid && !(await userExists(patientUid)))
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "this dependant has no login of their own: hand it over first",
    );
  const fresh = await runTransaction(async (tx) => {
    const link = await getCareLink(patientUid, helperUid, tx);
    const refusal = checkCanRevoke(actor, link && careLinkFacts(link));
    if (refusal) throw refusalError(refusal);
    if (link!.status === "revoked") return false;
    const at = Timestamp.fromDate(now);
    updateCareLink(tx, patientUid, helperUid, {
      status: "revoked",
      everRevoked: true,
      revokedAt: at,
      revokedBy: actor.uid,
      updatedAt: at,
    });
    const target = { type: "careLink", id: careLinkId(patientUid, helperUid) };
    recordAction(tx, { action: "care.revoked", actor, org: link!.org, target, origin }, now);
    return true;
  });
  if (fresh) logger.info("care.revoked", { patientUid, helperUid, by: actor.uid });
  return answer;
}
