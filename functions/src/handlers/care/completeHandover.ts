import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { createPhoneUser } from "../../adapters/identity";
import { checkCanHandOver } from "../../authz/care";
import type { ConfirmDecision } from "../../domain/contacts/verification";
import type { Call } from "../../registry/define";
import { getCareCode, handoverCodeId } from "../../repo/careCodes";
import { careLinkFacts, getCareLink } from "../../repo/careLinks";
import { getContact, setContact } from "../../repo/contacts";
import { updatePatient } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import type { CompleteHandoverRequest } from "../../schemas/care";
import { recordDependantAction } from "../../services/care/links";
import { checkCareCode, codeRefusal } from "../../services/care/codes";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The holder completes a dependant's handover with the code the dependant received (issue 15): the
 * dependant's uid gets an Auth account for that number, so signing in by it opens the same uid,
 * with its profile, appointments, records and consents. The number becomes the dependant's proven
 * contact (messages about them go there from now on) and their profile's phone. The holder's link
 * stays active: the dependant, now signed in, sees it on their list of helpers and may revoke it.
 *
 * The code is checked (and used up) first; if the account then cannot be made (the number was
 * taken meanwhile), the answer is `already-exists` and the handover starts again.
 */
export async function completeHandover({
  actor,
  input,
  now,
  origin,
}: Call<CompleteHandoverRequest>): Promise<{ status: "handedOver"; dependantUid: string }> {
  const { dependantUid, phone, code } = input;
  const id = handoverCodeId(dependantUid);
  const decision = await runTransaction(async (tx): Promise<ConfirmDecision> => {
    const [link, pending] = await Promise.all([
      getCareLink(dependantUid, actor.uid, tx),
      getCareCode(id, tx),
    ]);
    const refusal = checkCanHandOver(actor, link && careLinkFacts(link));
    if (refusal) throw refusalError(refusal);
    const mine = pending && pending.helperUid === actor.uid ? { ...pending, id } : null;
    return checkCareCode(tx, mine, phone, code, now);
  });
  if (decision.outcome !== "verified") throw codeRefusal(decision);
  if (!(await createPhoneUser(dependantUid, phone)))
    throw appError(
      "already-exists",
      "already-exists",
      "this number (or this dependant) already has an account",
    );
  await runTransaction(async (tx) => {
    const contact = await getContact(dependantUid, tx);
    const at = Timestamp.fromDate(now);
    setContact(tx, dependantUid, { ...contact, phone, verifiedAt: at, verifiedBy: "code", updatedAt: at });
    updatePatient(tx, dependantUid, { phone, updatedAt: at });
    recordDependantAction(tx, { action: "care.handedOver", actor, dependantUid, origin }, now);
  });
  logger.info("care.handedOver", { dependantUid, by: actor.uid });
  return { status: "handedOver", dependantUid };
}
