import { logger } from "firebase-functions";
import { uidByPhoneNumber, userExists } from "../../adapters/identity";
import { checkCanHandOver } from "../../authz/care";
import { phoneKey } from "../../domain/contacts/verification";
import type { Call } from "../../registry/define";
import { handoverCodeId } from "../../repo/careCodes";
import { careLinkFacts, getCareLink } from "../../repo/careLinks";
import { getPatient } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import { languageSchema } from "../../schemas/common";
import type { StartHandoverRequest } from "../../schemas/care";
import { recordDependantAction } from "../../services/care/links";
import { enforceNumberRateLimit } from "../../services/callable/rateLimit";
import { issueCareCode } from "../../services/care/codes";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The holder starts handing a dependant their own login (issue 15): a code goes to the number the
 * dependant will sign in with. A number that already has an account is refused: the dependant's
 * history stays on the dependant's uid, which the number's sign-in is given (completeHandover).
 */
export async function startHandover({
  actor,
  input,
  now,
  origin,
}: Call<StartHandoverRequest>): Promise<{ status: "sent"; expiresAt: string }> {
  const { dependantUid, phone } = input;
  const link = await getCareLink(dependantUid, actor.uid);
  const refusal = checkCanHandOver(actor, link && careLinkFacts(link));
  if (refusal) throw refusalError(refusal);
  if (await userExists(dependantUid))
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "this dependant already has a login of their own",
    );
  if (await uidByPhoneNumber(phone))
    throw appError("already-exists", "already-exists", "this number already has an account");
  await enforceNumberRateLimit(actor, "careCode", phoneKey(phone), now);
  const { expiresAt } = await runTransaction(async (tx) => {
    const dependant = await getPatient(dependantUid, tx);
    if (!dependant) throw appError("not-found", "user-not-found", "no such dependant");
    const sent = issueCareCode(
      tx,
      {
        id: handoverCodeId(dependantUid),
        purpose: "handover",
        patientUid: dependantUid,
        helperUid: actor.uid,
        phone,
        language: languageSchema.catch("en").parse(dependant.language),
      },
      now,
    );
    recordDependantAction(tx, { action: "care.handoverStarted", actor, dependantUid, origin }, now);
    return sent;
  });
  logger.info("care.handoverStarted", { dependantUid, by: actor.uid });
  return { status: "sent", expiresAt: expiresAt.toISOString() };
}
