import { logger } from "firebase-functions";
import { authPhoneNumber } from "../../adapters/identity";
import { canRegisterPatients, careLinkId } from "../../authz/care";
import { phoneKey } from "../../domain/contacts/verification";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { consentCodeId } from "../../repo/careCodes";
import { getCareLink, setCareLink } from "../../repo/careLinks";
import { getOrganisationName } from "../../repo/organisations";
import { getPatient } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import { languageSchema } from "../../schemas/common";
import type { RequestCareConsentRequest } from "../../schemas/care";
import { enforceNumberRateLimit } from "../../services/callable/rateLimit";
import { issueCareCode } from "../../services/care/codes";
import { pendingWorkerLink, workerName } from "../../services/care/links";
import { appError, invalidField } from "../../schemas/errors";

/**
 * A health worker asks a patient's leave to act for them (issue 15): a code goes by SMS to the
 * number of the patient's account (the one they sign in with), naming the worker's organisation.
 * The patient agrees by confirming it (confirmCareConsent, or an SMS reply through
 * services/care/consent.ts). A patient the worker did not register gets a pending link here: the
 * code is the only way to agree for someone who has an account of their own.
 */
export async function requestCareConsent({
  actor,
  input,
  now,
  origin,
}: Call<RequestCareConsentRequest>): Promise<{ status: "sent"; expiresAt: string }> {
  if (!canRegisterPatients(actor))
    throw appError(
      "permission-denied",
      "role-not-allowed",
      "only an approved health worker asks a patient's consent",
    );
  const { patientUid } = input;
  if (patientUid === actor.uid) throw invalidField("patientUid", "not yourself");
  const [phone, existing] = await Promise.all([
    authPhoneNumber(patientUid).catch(() => null),
    getCareLink(patientUid, actor.uid),
  ]);
  if (!phone)
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "this patient has no phone number to send a code to",
    );
  if (existing?.status === "active")
    throw appError("failed-precondition", "consent-conflict", "the patient already agreed");
  await enforceNumberRateLimit(actor, "careCode", phoneKey(phone), now);
  const [helperName, clinicName] = await Promise.all([
    workerName(actor.uid),
    actor.org ? getOrganisationName(actor.org) : null,
  ]);
  const { expiresAt } = await runTransaction(async (tx) => {
    const [link, patient] = await Promise.all([
      getCareLink(patientUid, actor.uid, tx),
      getPatient(patientUid, tx),
    ]);
    if (link?.status === "active")
      throw appError("failed-precondition", "consent-conflict", "the patient already agreed");
    if (!link) setCareLink(tx, pendingWorkerLink(patientUid, actor, helperName, false, now));
    const sent = issueCareCode(
      tx,
      {
        id: consentCodeId(patientUid, actor.uid),
        purpose: "consent",
        patientUid,
        helperUid: actor.uid,
        phone,
        language: languageSchema.catch("en").parse(patient?.language),
        clinicName: clinicName ?? "Arogya",
      },
      now,
    );
    const target = { type: "careLink", id: careLinkId(patientUid, actor.uid) };
    recordAction(tx, { action: "care.consentRequested", actor, org: actor.org ?? null, target, origin }, now);
    return sent;
  });
  logger.info("care.consentRequested", { patientUid, by: actor.uid });
  return { status: "sent", expiresAt: expiresAt.toISOString() };
}
