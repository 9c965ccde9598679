import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { Timestamp, type Transaction } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS, VERIFICATION_KEEP_HOURS } from "../../config/contacts";
import {
  decideConfirmation,
  formatCode,
  hashCode,
  phoneKey,
  type ConfirmDecision,
} from "../../domain/contacts/verification";
import { renderMessage } from "../../domain/notifications/templates";
import { deleteCareCode, setCareCode, updateCareCode, type CareCodeDoc } from "../../repo/careCodes";
import { createOutboxMessage } from "../../repo/outbox";
import type { Language } from "../../schemas/common";
import { appError, refusalError } from "../../schemas/errors";

/**
 * The codes of issue 15, on the same footing as proving a phone number (domain/contacts/
 * verification.ts): six digits through the outbox, a keyed hash bound to what the code is for
 * (`binding`: the care link, or the dependant) and to the number, a few tries, then locked.
 */

export interface CodeToSend {
  id: string;
  purpose: CareCodeDoc["purpose"];
  patientUid: string;
  helperUid: string;
  phone: string;
  language: Language;
  /** For a consent: the name of the worker's organisation, which the SMS names. */
  clinicName?: string;
}

/** What the hash binds the code to: the code proves nothing for another link or dependant. */
const bindingOf = (code: Pick<CareCodeDoc, "purpose" | "patientUid" | "helperUid">) =>
  `${code.purpose}:${code.patientUid}:${code.helperUid}`;

/**
 * Writes the pending code (replacing one waiting before) and its SMS in the caller's transaction.
 * The SMS goes to `phone` whoever holds it: that is what the code proves.
 */
export function issueCareCode(tx: Transaction, send: CodeToSend, now: Date): { expiresAt: Date } {
  const code = formatCode(randomInt(0, 1_000_000));
  const salt = randomBytes(16).toString("base64url");
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
  setCareCode(tx, send.id, {
    purpose: send.purpose,
    patientUid: send.patientUid,
    helperUid: send.helperUid,
    state: "pending",
    phoneKey: phoneKey(send.phone),
    codeHash: hashCode({ uid: bindingOf(send), phone: send.phone, code }, salt),
    salt,
    attempts: 0,
    sentAt: Timestamp.fromDate(now),
    expiresAt: Timestamp.fromDate(expiresAt),
    expireAt: Timestamp.fromMillis(now.getTime() + VERIFICATION_KEEP_HOURS * 3_600_000),
  });
  const minutes = String(CODE_TTL_MINUTES);
  // No date in these messages: the timezone is only what the renderer requires.
  const body =
    send.purpose === "consent"
      ? renderMessage(
          "care.consent",
          send.language,
          { code, minutes, clinicName: send.clinicName ?? "Arogya" },
          { timezone: "Asia/Kolkata" },
        )
      : renderMessage("phone.verification", send.language, { code, minutes }, { timezone: "Asia/Kolkata" });
  createOutboxMessage(
    tx,
    `care-${send.purpose}_${randomUUID()}`,
    {
      kind: send.purpose === "consent" ? "care.consent" : "phone.verification",
      channel: "sms",
      to: send.phone,
      recipientUid: send.patientUid,
      language: send.language,
      body,
      required: false,
      appointmentId: null,
    },
    now,
  );
  return { expiresAt };
}

/**
 * Checks `code` for `phone` against a pending code read in `tx`, and writes the outcome there: a
 * right code is deleted, a wrong one counted (the last try locks it). The caller returns the
 * decision from its transaction and throws after it (`codeRefusal`), so a wrong try stays counted.
 */
export function checkCareCode(
  tx: Transaction,
  pending: (CareCodeDoc & { id: string }) | null,
  phone: string,
  code: string,
  now: Date,
): ConfirmDecision {
  const decided = decideCareCode(pending, phone, code, now);
  if (!pending) return decided;
  if (decided.outcome === "verified") deleteCareCode(tx, pending.id);
  if (decided.outcome === "wrong") updateCareCode(tx, pending.id, { attempts: decided.attempts });
  if (decided.outcome === "locked")
    updateCareCode(tx, pending.id, { attempts: decided.attempts, state: "locked" });
  return decided;
}

/** The decision alone, without writing it. */
export function decideCareCode(
  pending: CareCodeDoc | null,
  phone: string,
  code: string,
  now: Date,
): ConfirmDecision {
  return decideConfirmation(
    pending && { ...pending, expiresAtMs: pending.expiresAt.toMillis() },
    { uid: pending ? bindingOf(pending) : "", phone, code },
    now.getTime(),
    MAX_CODE_ATTEMPTS,
  );
}

/** The error a decision other than "verified" answers. */
export function codeRefusal(decision: Exclude<ConfirmDecision, { outcome: "verified" }>): HttpsError {
  switch (decision.outcome) {
    case "wrong":
      return appError(
        "invalid-argument",
        "wrong-code",
        `that is not the code sent; ${decision.left} ${decision.left === 1 ? "try" : "tries"} left`,
        { triesLeft: decision.left },
      );
    case "locked":
      return appError(
        "resource-exhausted",
        "too-many-wrong-codes",
        "too many wrong codes; ask for a new code",
      );
    case "refused":
      return refusalError(decision);
  }
}
