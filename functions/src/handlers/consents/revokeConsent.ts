import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { consentId, getConsent, updateConsent } from "../../repo/consents";
import { runTransaction } from "../../repo/transaction";
import type { RevokeConsentRequest } from "../../schemas/records";
import { appError } from "../../schemas/errors";

/**
 * Revocation takes effect on the next request: rules and functions read the consent each time.
 * The revocation, its audit entry and its event commit together.
 */
export async function revokeConsent({ actor, input, now, origin }: Call<RevokeConsentRequest>) {
  const id = consentId(
    actor.uid,
    input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! },
  );
  const org = input.granteeOrg ?? null;
  await runTransaction(async (tx) => {
    const consent = await getConsent(id, tx);
    if (!consent || consent.patientUid !== actor.uid)
      throw appError("not-found", "consent-not-found", "no such consent of yours");
    if (consent.status === "revoked") return;
    updateConsent(tx, id, { status: "revoked", revokedAt: Timestamp.fromDate(now) });
    recordAction(
      tx,
      {
        action: "consent.revoked",
        actor,
        org,
        target: { type: "consent", id },
        origin,
        event: {
          type: "consent.revoked",
          ids: {
            consentId: id,
            patientUid: actor.uid,
            granteeUid: input.granteeUid,
            granteeOrg: input.granteeOrg,
          },
          // One revocation per grant: the grant's time is in the key.
          key: `${id}:${consent.grantedAt.toMillis()}`,
        },
      },
      now,
    );
  });
  return { consentId: id, status: "revoked" as const };
}
