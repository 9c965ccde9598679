import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { authPhoneNumber } from "../../adapters/identity";
import { CODE_TTL_MINUTES, VERIFICATION_KEEP_HOURS } from "../../config/contacts";
import { formatCode, hashCode, phoneKey } from "../../domain/contacts/verification";
import { renderMessage } from "../../domain/notifications/templates";
import type { Call } from "../../registry/define";
import { getContact } from "../../repo/contacts";
import { createOutboxMessage } from "../../repo/outbox";
import { getPatient } from "../../repo/patients";
import { setPhoneVerification } from "../../repo/phoneVerifications";
import { runTransaction } from "../../repo/transaction";
import { languageSchema, type Language } from "../../schemas/common";
import type { RequestPhoneVerificationRequest } from "../../schemas/contacts";
import { recordVerifiedPhone } from "../../services/contacts/verifiedPhone";
import { enforceNumberRateLimit } from "../../services/callable/rateLimit";

export type RequestPhoneVerificationAnswer =
  { status: "verified"; phone: string } | { status: "sent"; channel: "sms" | "whatsapp"; expiresAt: string };

/**
 * Starts proving a phone number. The number on the caller's Auth account (phone sign-in proved
 * it) is recorded at once, without a code. Any other number gets a six-digit code through the
 * outbox, in the caller's language; only a keyed hash of it is stored, and a new request replaces
 * the code waiting before. Limited per user (registry) and per number (here, whoever asks).
 */
export async function requestPhoneVerification({
  actor,
  input,
  now,
  origin,
}: Call<RequestPhoneVerificationRequest>): Promise<RequestPhoneVerificationAnswer> {
  const { phone, channel } = input;
  if ((await authPhoneNumber(actor.uid)) === phone) {
    await runTransaction(async (tx) => {
      const contact = await getContact(actor.uid, tx);
      if (contact?.phone === phone && contact.verifiedBy === "auth") return;
      recordVerifiedPhone(tx, { actor, origin, contact }, phone, "auth", now);
    });
    logger.info("phoneVerification.verified", { uid: actor.uid, by: "auth" });
    return { status: "verified", phone };
  }

  await enforceNumberRateLimit(actor, "phoneVerification", phoneKey(phone), now);
  const code = formatCode(randomInt(0, 1_000_000));
  const salt = randomBytes(16).toString("base64url");
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
  const messageId = `phone-verification_${randomUUID()}`;
  await runTransaction(async (tx) => {
    const [contact, patient] = await Promise.all([getContact(actor.uid, tx), getPatient(actor.uid, tx)]);
    // A clinician's chosen language, else the patient's, else English.
    const language: Language = contact?.language ?? languageSchema.catch("en").parse(patient?.language);
    setPhoneVerification(tx, actor.uid, {
      state: "pending",
      phoneKey: phoneKey(phone),
      codeHash: hashCode({ uid: actor.uid, phone, code }, salt),
      salt,
      channel,
      attempts: 0,
      sentAt: Timestamp.fromDate(now),
      expiresAt: Timestamp.fromDate(expiresAt),
      expireAt: Timestamp.fromMillis(now.getTime() + VERIFICATION_KEEP_HOURS * 3_600_000),
    });
    createOutboxMessage(
      tx,
      messageId,
      {
        kind: "phone.verification",
        channel,
        to: phone,
        recipientUid: actor.uid,
        language,
        // No date in this message: the timezone is only what the renderer requires.
        body: renderMessage(
          "phone.verification",
          language,
          { code, minutes: String(CODE_TTL_MINUTES) },
          { timezone: "Asia/Kolkata" },
        ),
        required: false,
        appointmentId: null,
      },
      now,
    );
  });
  logger.info("phoneVerification.sent", { uid: actor.uid, messageId });
  return { status: "sent", channel, expiresAt: expiresAt.toISOString() };
}
