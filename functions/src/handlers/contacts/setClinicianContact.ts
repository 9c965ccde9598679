import { Timestamp } from "firebase-admin/firestore";
import { nextAgendaAt } from "../../domain/notifications/clinician";
import type { Call } from "../../registry/define";
import { getContact } from "../../repo/contacts";
import { getDoctor } from "../../repo/doctors";
import { runTransaction } from "../../repo/transaction";
import type { Channel, QuietHours, SetClinicianContactRequest } from "../../schemas/contacts";
import type { Language } from "../../schemas/common";
import { saveContact } from "../../services/contacts/verifiedPhone";
import { DEFAULT_CLINICIAN_TIMEZONE } from "../../services/notifications/clinicianMessages";

export interface ClinicianContactView {
  /** The proven number, or null until the doctor proves one (requestPhoneVerification). */
  phone: string | null;
  language: Language;
  channel: Channel;
  quietHours: QuietHours | null;
  /** The clock of the quiet hours and the agenda. */
  timezone: string;
  /** The daily agenda's local time, or null for none. */
  agendaTime: string | null;
}

/**
 * How a doctor is messaged: language, channel, quiet hours (none: messages at any hour), their
 * timezone and the local time of their daily agenda (none: no agenda). The number is not set
 * here: it is proven by a code or taken from the Auth account, and kept. The next agenda's
 * instant is computed here, so the agenda run finds it with one query.
 */
export async function setClinicianContact({
  actor,
  input,
  now,
  origin,
}: Call<SetClinicianContactRequest>): Promise<ClinicianContactView> {
  const { language, channel, quietHours, agendaTime } = input;
  return runTransaction(async (tx) => {
    const [contact, doctor] = await Promise.all([getContact(actor.uid, tx), getDoctor(actor.uid, tx)]);
    const timezone = input.timezone ?? contact?.timezone ?? doctor?.timezone ?? DEFAULT_CLINICIAN_TIMEZONE;
    const agendaNextAt = agendaTime
      ? Timestamp.fromMillis(nextAgendaAt(agendaTime, timezone, now.getTime()))
      : null;
    const phone = contact?.phone ?? null;
    saveContact(
      tx,
      { actor, origin },
      {
        phone,
        verifiedAt: contact?.verifiedAt ?? null,
        verifiedBy: contact?.verifiedBy ?? null,
        language,
        channel,
        quietHours,
        timezone,
        agendaTime,
        agendaNextAt,
        agendaAttempts: 0,
        updatedAt: Timestamp.fromDate(now),
      },
      "contact.updated",
      now,
    );
    return { phone, language, channel, quietHours, timezone, agendaTime };
  });
}
