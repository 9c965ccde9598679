import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { consentId, getConsent, updateConsent } from "../../repo/consents";
import { runTransaction } from "../../repo/transaction";
import type { RevokeConsentRequest } from "../../schemas/records";
import { appError } from "../../schemas/errors";
import { patientOf } from "../../domain/identity/actor";
import { actingFor } from "../../services/care/actingFor";

/**
 * Revocation takes effect on the next request: rules and functions read the consent each time.
 * The revocation, its audit entry and its event commit together. With `onBehalfOf` (issue 15), a
 * health worker or a family account's holder revokes for the patient, audited on their behalf.
 */
export async function revokeConsent({ actor: caller, input, now, origin }: Call<RevokeConsentRequest>) {
  const actor = await actingFor(caller, input.onBehalfOf);
  const patientUid = patientOf(actor);
  const id = consentId(
    patientUid,
    input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! },
  );
  const org = input.granteeOrg ?? null;
  await runTransaction(async (tx) => {
    const consent = await getConsent(id, tx);
    if (!consent || consent.patientUid !== patientUid)
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
            patientUid,
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
