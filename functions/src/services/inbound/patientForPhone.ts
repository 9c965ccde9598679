import { userByPhoneNumber, userRole } from "../../adapters/identity";
import type { Language } from "../../schemas/common";
import { languageSchema } from "../../schemas/common";
import type { Origin } from "../../registry/define";
import { getCareLink } from "../../repo/careLinks";
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
 * accounts never match. The one place that decides it: a dependant whose messages come to their
 * holder's number is not a second owner of it (the holder answers for them, on their behalf).
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
  // A dependant's messages go to their holder's number (handlers/care/addDependant.ts): the number
  // speaks for the holder, who acts for the dependant through their link (onBehalfOf).
  for (const uid of await dependantsAmong(uids)) uids.delete(uid);
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

/** The uids among `uids` that are dependants of another one of them (an active family link). */
async function dependantsAmong(uids: Set<string>): Promise<string[]> {
  if (uids.size < 2) return [];
  const pairs = [...uids].flatMap((patient) =>
    [...uids].filter((holder) => holder !== patient).map((holder) => [patient, holder] as const),
  );
  const links = await Promise.all(pairs.map(([patient, holder]) => getCareLink(patient, holder)));
  return [
    ...new Set(
      pairs
        .filter((_, i) => links[i]?.kind === "holder" && links[i]?.status === "active")
        .map(([patient]) => patient),
    ),
  ];
}
