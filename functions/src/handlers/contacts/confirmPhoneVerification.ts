import { logger } from "firebase-functions";
import { MAX_CODE_ATTEMPTS } from "../../config/contacts";
import { decideConfirmation, type ConfirmDecision } from "../../domain/contacts/verification";
import type { Call } from "../../registry/define";
import { getContact } from "../../repo/contacts";
import {
  deletePhoneVerification,
  getPhoneVerification,
  updatePhoneVerification,
} from "../../repo/phoneVerifications";
import { runTransaction } from "../../repo/transaction";
import type { ConfirmPhoneVerificationRequest } from "../../schemas/contacts";
import { recordVerifiedPhone } from "../../services/contacts/verifiedPhone";
import { appError, refusalError } from "../../schemas/errors";

/**
 * Proves a number with the code sent to it: the right code, for the number it was sent to, before
 * it expires, records the number as the caller's contact (messages go to it from then on). A wrong
 * code is counted in the same transaction that checks it, so concurrent guesses cannot share a
 * try; the last try locks the code (config/contacts.ts).
 */
export async function confirmPhoneVerification({
  actor,
  input,
  now,
  origin,
}: Call<ConfirmPhoneVerificationRequest>): Promise<{ status: "verified"; phone: string }> {
  const { phone, code } = input;
  const decision = await runTransaction(async (tx): Promise<ConfirmDecision> => {
    const [pending, contact] = await Promise.all([
      getPhoneVerification(actor.uid, tx),
      getContact(actor.uid, tx),
    ]);
    const decided = decideConfirmation(
      pending && { ...pending, expiresAtMs: pending.expiresAt.toMillis() },
      { uid: actor.uid, phone, code },
      now.getTime(),
      MAX_CODE_ATTEMPTS,
    );
    switch (decided.outcome) {
      case "verified":
        deletePhoneVerification(tx, actor.uid);
        recordVerifiedPhone(tx, { actor, origin, contact }, phone, "code", now);
        break;
      case "wrong":
        updatePhoneVerification(tx, actor.uid, { attempts: decided.attempts });
        break;
      case "locked":
        updatePhoneVerification(tx, actor.uid, { attempts: decided.attempts, state: "locked" });
        break;
      case "refused":
        break;
    }
    return decided;
  });

  switch (decision.outcome) {
    case "verified":
      logger.info("phoneVerification.verified", { uid: actor.uid, by: "code" });
      return { status: "verified", phone };
    case "wrong":
      logger.info("phoneVerification.wrongCode", { uid: actor.uid, attempts: decision.attempts });
      throw appError(
        "invalid-argument",
        "wrong-code",
        `that is not the code sent to this number; ${decision.left} ${decision.left === 1 ? "try" : "tries"} left`,
        { triesLeft: decision.left },
      );
    case "locked":
      logger.warn("phoneVerification.locked", { uid: actor.uid, attempts: decision.attempts });
      throw appError(
        "resource-exhausted",
        "too-many-wrong-codes",
        "too many wrong codes; request a new code",
      );
    case "refused":
      throw refusalError(decision);
  }
}
