import { Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { buildEvent } from "../../domain/events/events";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import { consentId, getConsent, updateConsent } from "../../repo/consents";
import { createEvent } from "../../repo/events";
import { runTransaction } from "../../repo/transaction";
import type { RevokeConsentRequest } from "../../schemas/records";

/** Revocation takes effect on the next request: rules and functions read the consent each time. */
export async function revokeConsent({ actor, input, now, origin }: Call<RevokeConsentRequest>) {
  const id = consentId(
    actor.uid,
    input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! },
  );
  const revoked = await runTransaction(async (tx) => {
    const consent = await getConsent(id, tx);
    if (!consent || consent.patientUid !== actor.uid)
      throw new HttpsError("not-found", "no such consent of yours");
    if (consent.status === "revoked") return null;
    updateConsent(tx, id, { status: "revoked", revokedAt: Timestamp.fromDate(now) });
    return consent;
  });
  if (!revoked) return { consentId: id, status: "revoked" as const };
  const org = input.granteeOrg ?? null;
  // TODO(issue 13): the audit entry and the event are written on their own, after the revocation.
  await createAuditEntry(
    { action: "consent.revoked", actor, org, target: { type: "consent", id }, origin },
    now,
  );
  // One revocation per grant: the grant's time is in the key.
  await createEvent(
    buildEvent(
      "consent.revoked",
      {
        org,
        ids: {
          consentId: id,
          patientUid: actor.uid,
          granteeUid: input.granteeUid,
          granteeOrg: input.granteeOrg,
        },
        key: `${id}:${revoked.grantedAt.toMillis()}`,
      },
      now,
    ),
  );
  return { consentId: id, status: "revoked" as const };
}
