import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { careLinkId, checkCanAttest } from "../../authz/care";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { careLinkFacts, getCareLink, updateCareLink } from "../../repo/careLinks";
import { runTransaction } from "../../repo/transaction";
import type { AttestCareConsentRequest } from "../../schemas/care";
import { refusalError } from "../../schemas/errors";

/**
 * The worker signs that the patient agreed to their help before a witness (issue 15): who (the
 * worker, from the sign-in), when (now), the witness's name and what the patient agreed to. Only
 * for a patient the worker registered, and never after the patient revoked (authz/care.ts
 * `checkCanAttest`): the patient's own code is the way back.
 */
export async function attestCareConsent({
  actor,
  input,
  now,
  origin,
}: Call<AttestCareConsentRequest>): Promise<{ status: "active"; patientUid: string }> {
  const { patientUid } = input;
  await runTransaction(async (tx) => {
    const link = await getCareLink(patientUid, actor.uid, tx);
    const refusal = checkCanAttest(actor, link && careLinkFacts(link));
    if (refusal) throw refusalError(refusal);
    const at = Timestamp.fromDate(now);
    updateCareLink(tx, patientUid, actor.uid, {
      status: "active",
      consent: {
        method: "attestation",
        at,
        attestedBy: actor.uid,
        witnessName: input.witnessName,
        statement: input.statement,
      },
      updatedAt: at,
    });
    const target = { type: "careLink", id: careLinkId(patientUid, actor.uid) };
    recordAction(
      tx,
      {
        action: "care.consentAttested",
        actor,
        onBehalfOf: patientUid,
        org: link?.org ?? null,
        target,
        origin,
      },
      now,
    );
  });
  logger.info("care.consentAttested", { patientUid, by: actor.uid });
  return { status: "active", patientUid };
}
