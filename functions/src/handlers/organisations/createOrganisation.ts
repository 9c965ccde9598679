import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { createOrganisation as createOrganisationDoc, newOrganisationId } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import type { CreateOrganisationRequest } from "../../schemas/identity";

/** A platform admin creates an organisation: a clinic, a village, a partner pharmacy or lab. */
export async function createOrganisation({
  actor,
  input,
  now,
  origin,
}: Call<CreateOrganisationRequest>): Promise<{ id: string }> {
  const id = newOrganisationId();
  await runTransaction(async (tx) => {
    createOrganisationDoc(tx, id, { ...input, createdAt: Timestamp.fromDate(now), createdBy: actor.uid });
    const target = { type: "organisation", id };
    recordAction(tx, { action: "organisation.created", actor, org: id, target, origin }, now);
  });
  logger.info("organisation.created", { org: id, by: actor.uid });
  return { id };
}
