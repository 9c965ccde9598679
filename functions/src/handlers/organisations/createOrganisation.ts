import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getRecordedAnswer, createRecordedAnswer, type IdempotentCall } from "../../repo/idempotency";
import { createOrganisation as createOrganisationDoc, newOrganisationId } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import type { CreateOrganisationRequest } from "../../schemas/identity";

/**
 * A platform admin creates an organisation: a clinic, a village, a partner pharmacy or lab. With
 * an idempotency key, a retry returns the first organisation instead of creating a second.
 */
export async function createOrganisation({
  actor,
  input,
  now,
  origin,
}: Call<CreateOrganisationRequest>): Promise<{ id: string }> {
  const { idempotencyKey, ...fields } = input;
  const call: IdempotentCall = {
    uid: actor.uid,
    key: idempotencyKey,
    operation: "createOrganisation",
    request: fields,
  };
  const recorded = await getRecordedAnswer<{ id: string }>(call);
  if (recorded) return recorded;
  const id = newOrganisationId();
  const answer = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<{ id: string }>(call, tx);
    if (again) return again;
    createOrganisationDoc(tx, id, { ...fields, createdAt: Timestamp.fromDate(now), createdBy: actor.uid });
    const target = { type: "organisation", id };
    recordAction(tx, { action: "organisation.created", actor, org: id, target, origin }, now);
    createRecordedAnswer(tx, call, { id }, now);
    return { id };
  });
  if (answer.id === id) logger.info("organisation.created", { org: id, by: actor.uid });
  return answer;
}
