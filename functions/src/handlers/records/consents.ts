import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { recordAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEvent } from "../../repo/events";
import { consentId, consentRef } from "../../repo/consents";
import { COLLECTIONS, db } from "../../repo/firestore";
import { grantConsentRequestSchema, revokeConsentRequestSchema } from "../../schemas/records";
import { requestOrigin, requireActor } from "../context";
import { parseRequest } from "../errors";

const MAX_CONSENT_MS = 366 * 86_400_000;

/**
 * A patient grants a doctor (by uid) or an organisation's doctors access to their records, with
 * a purpose, a scope (all, or record types; optionally a date range) and an expiry. The consent's
 * id is deterministic, so the rules check it with one get(); granting again replaces it.
 */
export async function grantConsent(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(grantConsentRequestSchema, request.data);
  if (actor.role !== "patient")
    throw new HttpsError("permission-denied", "only a patient grants access to their records");
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime())
    throw new HttpsError("invalid-argument", "expiresAt: must be in the future");
  if (expiresAt.getTime() - now.getTime() > MAX_CONSENT_MS)
    throw new HttpsError("invalid-argument", "expiresAt: at most a year ahead");
  if (input.granteeUid) {
    if (input.granteeUid === actor.uid) throw new HttpsError("invalid-argument", "granteeUid: that is you");
    const doctor = await db().collection(COLLECTIONS.doctors).doc(input.granteeUid).get();
    if (!doctor.exists || doctor.get("status") !== "approved")
      throw new HttpsError("not-found", "granteeUid: no approved doctor has this id");
  } else {
    const org = await db().collection(COLLECTIONS.organisations).doc(input.granteeOrg!).get();
    if (!org.exists) throw new HttpsError("not-found", "granteeOrg: no such organisation");
  }
  const grantee = input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! };
  const id = consentId(actor.uid, grantee);
  // Ids are `{patient}_{grantee}`: refuse to replace a document that names anyone else, however
  // the two ids came to be equal (uids set through the Admin SDK may contain "_").
  const existing = await consentRef(id).get();
  if (
    existing.exists &&
    (existing.get("patientUid") !== actor.uid ||
      existing.get("granteeUid") !== grantee.granteeUid ||
      existing.get("granteeOrg") !== grantee.granteeOrg)
  ) {
    throw new HttpsError("failed-precondition", "this consent cannot be recorded; contact support");
  }
  await consentRef(id).set({
    patientUid: actor.uid,
    ...grantee,
    purpose: input.purpose,
    scope: input.scope,
    expiresAt,
    status: "active",
    grantedAt: now,
    revokedAt: null,
  });
  await recordAudit(
    {
      action: "consent.granted",
      actor,
      org: input.granteeOrg ?? null,
      target: { type: "consent", id },
      origin: requestOrigin(request),
    },
    now,
  );
  await recordEvent(
    buildEvent(
      "consent.granted",
      {
        org: input.granteeOrg ?? null,
        ids: { consentId: id, patientUid: actor.uid, ...grantee },
        key: `${id}:${now.getTime()}`,
      },
      now,
    ),
  );
  return { consentId: id, expiresAt: expiresAt.toISOString() };
}

/** Revocation takes effect on the next request: rules and functions read the consent each time. */
export async function revokeConsent(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const input = parseRequest(revokeConsentRequestSchema, request.data);
  const id = consentId(
    actor.uid,
    input.granteeUid ? { granteeUid: input.granteeUid } : { granteeOrg: input.granteeOrg! },
  );
  const snap = await consentRef(id).get();
  if (!snap.exists || snap.get("patientUid") !== actor.uid)
    throw new HttpsError("not-found", "no such consent of yours");
  if (snap.get("status") === "revoked") return { consentId: id, status: "revoked" as const };
  await consentRef(id).update({ status: "revoked", revokedAt: now });
  await recordAudit(
    {
      action: "consent.revoked",
      actor,
      org: input.granteeOrg ?? null,
      target: { type: "consent", id },
      origin: requestOrigin(request),
    },
    now,
  );
  // One revocation per grant: the grant's time is in the key.
  await recordEvent(
    buildEvent(
      "consent.revoked",
      {
        org: input.granteeOrg ?? null,
        ids: {
          consentId: id,
          patientUid: actor.uid,
          granteeUid: input.granteeUid,
          granteeOrg: input.granteeOrg,
        },
        key: `${id}:${(snap.get("grantedAt") as { toMillis(): number } | undefined)?.toMillis() ?? now.getTime()}`,
      },
      now,
    ),
  );
  return { consentId: id, status: "revoked" as const };
}
