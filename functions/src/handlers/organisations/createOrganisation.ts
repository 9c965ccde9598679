import { logger } from "firebase-functions";
import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { canCreateOrganisation } from "../../authz/policy";
import { createOrganisationRequestSchema } from "../../schemas/identity";
import { appendAudit } from "../../repo/audit";
import { COLLECTIONS, db } from "../../repo/firestore";
import { requireActor, requestOrigin } from "../context";
import { parseRequest } from "../errors";

/** A platform admin creates an organisation: a clinic, a village, a partner pharmacy or lab. */
export async function createOrganisation(
  request: CallableRequest<unknown>,
  now = new Date(),
): Promise<{ id: string }> {
  const actor = await requireActor(request, { checkRevoked: true });
  if (!canCreateOrganisation(actor))
    throw new HttpsError("permission-denied", "only a platform admin creates organisations");
  const input = parseRequest(createOrganisationRequestSchema, request.data);
  const ref = db().collection(COLLECTIONS.organisations).doc();
  await db().runTransaction(async (tx) => {
    tx.create(ref, { ...input, createdAt: now, createdBy: actor.uid });
    appendAudit(
      tx,
      {
        action: "organisation.created",
        actor,
        org: ref.id,
        target: { type: "organisation", id: ref.id },
        origin: requestOrigin(request),
      },
      now,
    );
  });
  logger.info("organisation.created", { org: ref.id, by: actor.uid });
  return { id: ref.id };
}
