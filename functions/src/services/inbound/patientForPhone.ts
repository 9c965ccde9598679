import { userByPhoneNumber, userRole } from "../../adapters/identity";
import type { Language } from "../../schemas/common";
import { languageSchema } from "../../schemas/common";
import type { Origin } from "../../registry/define";
import { findContactUidsByPhone, getContact } from "../../repo/contacts";
import { getPatient } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import { recordVerifiedPhone } from "../contacts/verifiedPhone";

export interface PhonePatient {
  uid: string;
  language: Language | null;
}

/**
 * Who a phone belongs to, for the inbound channels: the one patient account that proved the
 * number (`contacts/{uid}`, services/contacts/) or holds it as its Auth phone number. Null when
 * none does, and also when several do (a shared handset whose holders each proved it): the
 * channel then answers with help, never with one of them's data. Clinicians and disabled
 * accounts never match. The one place that decides it: dependants (issue 15, item 2) will be
 * chosen here.
 *
 * A patient found by their Auth number alone (phone sign-in, no contact number) gets it recorded as
 * their contact, as requestPhoneVerification does for that number: the confirmation of a booking
 * made by SMS then reaches the phone that made it, like a booking from the app.
 */
export async function patientForPhone(
  phone: string,
  now: Date,
  origin: Origin,
): Promise<PhonePatient | null> {
  const [contactUids, authUser] = await Promise.all([
    findContactUidsByPhone(phone),
    userByPhoneNumber(phone),
  ]);
  const uids = new Set(contactUids);
  if (authUser) uids.add(authUser.uid);
  if (uids.size !== 1) return null;
  const [uid] = uids;
  const account = authUser?.uid === uid ? authUser : await userRole(uid);
  if (!account || account.disabled) return null;
  if (account.role !== undefined && account.role !== "patient") return null;
  if (!contactUids.includes(uid)) {
    await runTransaction(async (tx) => {
      const contact = await getContact(uid, tx);
      // A number they proved themselves stays their contact.
      if (contact?.phone) return;
      recordVerifiedPhone(
        tx,
        { actor: { uid, role: "patient", platform: false }, origin, contact },
        phone,
        "auth",
        now,
      );
    });
  }
  const profile = await getPatient(uid);
  const language = languageSchema.safeParse(profile?.language);
  return { uid, language: language.success ? language.data : null };
}
