import { logger } from "firebase-functions";
import { canAdministerOrg } from "../../authz/policy";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getOrganisation, updateOrganisation } from "../../repo/organisations";
import { runTransaction } from "../../repo/transaction";
import { appError } from "../../schemas/errors";
import type { SetOrganisationContactRequest } from "../../schemas/identity";

/**
 * An organisation's admin (or a platform admin) sets its postal address, its phone or both: what
 * its prescriptions print under the clinic's name (services/prescriptions/pdfInput.ts). Another
 * organisation's admin is refused, and an organisation that does not exist is not found; either
 * way nothing is written.
 */
export async function setOrganisationContact({
  actor,
  input,
  now,
  origin,
}: Call<SetOrganisationContactRequest>): Promise<{ org: string }> {
  if (!canAdministerOrg(actor, input.org))
    throw appError("permission-denied", "other-organisation", "you administer another organisation");
  await runTransaction(async (tx) => {
    if (!(await getOrganisation(input.org, tx)))
      throw appError("not-found", "not-found", "no such organisation");
    updateOrganisation(tx, input.org, {
      ...(input.address ? { address: input.address } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
    });
    const target = { type: "organisation", id: input.org };
    recordAction(tx, { action: "organisation.contactUpdated", actor, org: input.org, target, origin }, now);
  });
  logger.info("organisation.contactUpdated", { org: input.org });
  return { org: input.org };
}
