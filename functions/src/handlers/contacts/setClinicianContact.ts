import { Timestamp } from "firebase-admin/firestore";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getContact, setContact } from "../../repo/contacts";
import { runTransaction } from "../../repo/transaction";
import type { Channel, QuietHours, SetClinicianContactRequest } from "../../schemas/contacts";
import type { Language } from "../../schemas/common";

export interface ClinicianContactView {
  /** The proven number, or null until the doctor proves one (requestPhoneVerification). */
  phone: string | null;
  language: Language;
  channel: Channel;
  quietHours: QuietHours | null;
}

/**
 * How a doctor is messaged: language, channel and quiet hours (none: messages at any hour). The
 * number is not set here: it is proven by a code or taken from the Auth account, and kept.
 */
export async function setClinicianContact({
  actor,
  input,
  now,
  origin,
}: Call<SetClinicianContactRequest>): Promise<ClinicianContactView> {
  const { language, channel, quietHours } = input;
  const phone = await runTransaction(async (tx) => {
    const contact = await getContact(actor.uid, tx);
    setContact(tx, actor.uid, {
      phone: contact?.phone ?? null,
      verifiedAt: contact?.verifiedAt ?? null,
      verifiedBy: contact?.verifiedBy ?? null,
      language,
      channel,
      quietHours,
      updatedAt: Timestamp.fromDate(now),
    });
    recordAction(
      tx,
      {
        action: "contact.updated",
        actor,
        org: actor.org ?? null,
        target: { type: "contact", id: actor.uid },
        origin,
      },
      now,
    );
    return contact?.phone ?? null;
  });
  return { phone, language, channel, quietHours };
}
