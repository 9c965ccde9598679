import { authPhoneNumber } from "../../adapters/identity";
import type { Call } from "../../registry/define";
import type { ConfirmCareConsentRequest } from "../../schemas/care";
import { confirmCareConsentByCode, type ConfirmedConsent } from "../../services/care/consent";
import { appError } from "../../schemas/errors";

/**
 * The patient, signed in by their phone number, confirms the code a health worker's request sent
 * them (issue 15): the worker may act for them from then on. The same as replying to the SMS
 * (services/care/consent.ts `confirmCareConsentByCode`), for the number on the caller's account.
 */
export async function confirmCareConsent({
  actor,
  input,
  now,
  origin,
}: Call<ConfirmCareConsentRequest>): Promise<ConfirmedConsent> {
  const phone = await authPhoneNumber(actor.uid);
  if (!phone)
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "sign in with the phone number the code was sent to",
    );
  return confirmCareConsentByCode(phone, input.code, now, { patientUid: actor.uid, origin });
}
