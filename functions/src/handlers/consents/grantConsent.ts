import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { consentId, getConsent, setConsent } from "../../repo/consents";
import { getApprovedDoctor } from "../../repo/doctors";
import { getRecordedAnswer, createRecordedAnswer, idempotentCall } from "../../repo/idempotency";
import { getOrganisation } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import type { GrantConsentRequest } from "../../schemas/records";
import { appError } from "../../schemas/errors";
import { patientOf } from "../../domain/identity/actor";
import { actingFor } from "../../services/care/actingFor";

const MAX_CONSENT_MS = 366 * 86_400_000;

/**
 * A patient grants a doctor (by uid) or an organisation's doctors access to their records, with
 * a purpose, a scope (all, or record types; optionally a date range) and an expiry. The consent's
 * id is deterministic, so the rules check it with one get(); granting again replaces it. The
 * consent, its audit entry and its event commit together; with an idempotency key, a retry
 * returns the first answer and grants nothing twice.
 *
 * With `onBehalfOf` (issue 15), a health worker or a family account's holder the patient agreed to
 * grants for the patient: the consent is the patient's, the audit entry the helper's on their behalf.
 */
export async function grantConsent({
  actor: caller,
  input,
  now,
  origin,
}: Call<GrantConsentRequest>): Promise<{ consentId: string; expiresAt: string }> {
  if (input.onBehalfOf === undefined && caller.role !== "patient")
    throw appError("permission-denied", "role-not-allowed", "only a patient grants access to their records");
  const actor = await actingFor(caller, input.onBehalfOf);
  const patientUid = patientOf(actor);
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime())
    throw appError("invalid-argument", "invalid-request", "expiresAt: must be in the future");
  if (expiresAt.getTime() - now.getTime() > MAX_CONSENT_MS)
    throw appError("invalid-argument", "invalid-request", "expiresAt: at most a year ahead");
  if (input.granteeUid === patientUid || input.granteeUid === actor.uid)
    throw appError("invalid-argument", "invalid-request", "granteeUid: that is you");
  const grantee = input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! };
  const id = consentId(patientUid, grantee);
  const call = idempotentCall(actor.uid, "grantConsent", input);
  const recorded = await getRecordedAnswer<{ consentId: string; expiresAt: string }>(call);
  if (recorded) return recorded;
  const org = input.granteeOrg ?? null;
  const result = { consentId: id, expiresAt: expiresAt.toISOString() };
  return runTransaction(async (tx) => {
    const again = await getRecordedAnswer<typeof result>(call, tx);
    if (again) return again;
    if (grantee.granteeUid) {
      if (!(await getApprovedDoctor(grantee.granteeUid, tx)))
        throw appError("not-found", "doctor-not-found", "granteeUid: no approved doctor has this id");
    } else if (!(await getOrganisation(grantee.granteeOrg!, tx))) {
      throw appError("not-found", "organisation-not-found", "granteeOrg: no such organisation");
    }
    // Ids are `{patient}_{grantee}`: refuse to replace a document that names anyone else, however
    // the two ids came to be equal (uids set through the Admin SDK may contain "_").
    const existing = await getConsent(id, tx);
    if (
      existing &&
      (existing.patientUid !== patientUid ||
        existing.granteeUid !== grantee.granteeUid ||
        existing.granteeOrg !== grantee.granteeOrg)
    )
      throw appError(
        "failed-precondition",
        "consent-conflict",
        "this consent cannot be recorded; contact support",
      );
    setConsent(tx, id, {
      patientUid,
      ...grantee,
      purpose: input.purpose,
      scope: input.scope,
      expiresAt: Timestamp.fromDate(expiresAt),
      status: "active",
      grantedAt: Timestamp.fromDate(now),
      revokedAt: null,
    });
    recordAction(
      tx,
      {
        action: "consent.granted",
        actor,
        org,
        target: { type: "consent", id },
        origin,
        event: {
          type: "consent.granted",
          ids: { consentId: id, patientUid, ...grantee },
          key: `${id}:${now.getTime()}`,
        },
      },
      now,
    );
    createRecordedAnswer(tx, call, result, now);
    return result;
  });
}
