import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { careLinkId } from "../../authz/care";
import { phoneKey, type ConfirmDecision } from "../../domain/contacts/verification";
import type { Actor } from "../../domain/identity/actor";
import type { Origin } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { findConsentCodes, type CareCodeDoc } from "../../repo/careCodes";
import { getCareLink, updateCareLink, type CareLinkDoc } from "../../repo/careLinks";
import { getContact, type ContactDoc } from "../../repo/contacts";
import { runTransaction } from "../../repo/transaction";
import { recordVerifiedPhone } from "../contacts/verifiedPhone";
import { checkCareCode, codeRefusal, decideCareCode } from "./codes";
import { appError } from "../../schemas/errors";

export interface ConfirmedConsent {
  status: "confirmed";
  patientUid: string;
  helperUid: string;
}

type Pending = CareCodeDoc & { id: string };

/**
 * The patient agrees to a health worker's help with the code the SMS brought them (issue 15). The
 * hook for every channel the code can come back by: the patient's own callable
 * (handlers/care/confirmCareConsent.ts), an SMS reply (the inbound webhook: the sender's number and
 * the six digits), a voice line. `phone` is the number that speaks for the patient: the code was
 * sent there, and a reply from it or a login by it proves it.
 *
 * One transaction: the codes waiting on that number (only the patient's, when `patientUid` is
 * given) are read with their links and the patient's contact; the code that matches activates its
 * link (consent by code, audited as the patient's act) and records the number as the patient's
 * proven contact, so appointment messages reach them from then on. No match counts a wrong try on
 * each code waiting there. Refusals throw HttpsError (`failed-precondition`: no code waits on this
 * number; `invalid-argument`: wrong; `resource-exhausted`: locked), after the count is committed.
 */
export async function confirmCareConsentByCode(
  phone: string,
  code: string,
  now: Date,
  options: { patientUid?: string; origin?: Origin } = {},
): Promise<ConfirmedConsent> {
  const origin = options.origin ?? {};
  const outcome = await runTransaction(async (tx) => {
    const codes = (await findConsentCodes(phoneKey(phone), tx)).filter(
      (c) => options.patientUid === undefined || c.patientUid === options.patientUid,
    );
    const links = await Promise.all(codes.map((c) => getCareLink(c.patientUid, c.helperUid, tx)));
    const match = codes.findIndex((c) => decideCareCode(c, phone, code, now).outcome === "verified");
    if (match < 0) {
      // Every code waiting there was guessed against: each counts the try.
      const decisions = codes.map((c) => checkCareCode(tx, c, phone, code, now));
      return { kind: "refused" as const, decision: pickRefusal(decisions, phone, code, now) };
    }
    const pending: Pending = codes[match];
    const link = links[match];
    const contact = await getContact(pending.patientUid, tx);
    checkCareCode(tx, pending, phone, code, now);
    if (!link || link.status === "active") return { kind: "confirmed" as const, confirmed: pending, link };
    activate(tx, pending, link, contact, phone, origin, now);
    return { kind: "confirmed" as const, confirmed: pending, link };
  });
  if (outcome.kind === "refused") throw codeRefusal(outcome.decision);
  const { confirmed, link } = outcome;
  if (!link)
    throw appError("failed-precondition", "consent-conflict", "the helper's request no longer exists");
  logger.info("care.consentConfirmed", { patientUid: confirmed.patientUid, helperUid: confirmed.helperUid });
  return { status: "confirmed", patientUid: confirmed.patientUid, helperUid: confirmed.helperUid };
}

/** The answer when no code matched: the first code's decision, or "none sent" when none waits. */
function pickRefusal(
  decisions: ConfirmDecision[],
  phone: string,
  code: string,
  now: Date,
): Exclude<ConfirmDecision, { outcome: "verified" }> {
  const refusal = decisions.find((d) => d.outcome !== "verified") ?? decideCareCode(null, phone, code, now);
  return refusal as Exclude<ConfirmDecision, { outcome: "verified" }>;
}

function activate(
  tx: Parameters<typeof updateCareLink>[0],
  pending: Pending,
  link: CareLinkDoc,
  contact: ContactDoc | null,
  phone: string,
  origin: Origin,
  now: Date,
): void {
  const at = Timestamp.fromDate(now);
  updateCareLink(tx, pending.patientUid, pending.helperUid, {
    status: "active",
    consent: { method: "code", at },
    updatedAt: at,
  });
  const patient: Actor = { uid: pending.patientUid, role: "patient", platform: false };
  recordAction(
    tx,
    {
      action: "care.consentConfirmed",
      actor: patient,
      org: link.org,
      target: { type: "careLink", id: careLinkId(pending.patientUid, pending.helperUid) },
      origin,
    },
    now,
  );
  // The code came back from this number: it is the patient's, as confirmPhoneVerification records.
  if (contact?.phone !== phone)
    recordVerifiedPhone(tx, { actor: patient, origin, contact }, phone, "code", now);
}
