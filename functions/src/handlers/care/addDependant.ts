import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import type { Call } from "../../registry/define";
import { setCareLink } from "../../repo/careLinks";
import { getContact, setContact } from "../../repo/contacts";
import { createPatient, getPatient, newPatientId } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import type { AddDependantRequest } from "../../schemas/care";
import { newCareLink, recordDependantAction } from "../../services/care/links";
import { appError } from "../../schemas/errors";

/**
 * A patient adds a dependant to their family account (issue 15): a child, an elderly parent. The
 * dependant is a patient of their own (their uid, profile, appointments, records, consents), with no
 * login; the holder acts for them with `onBehalfOf` through an active care link of kind `holder`.
 * Messages about the dependant go to the number the holder proved (copied to the dependant's
 * contact), until the dependant is handed a login of their own (startHandover).
 */
export async function addDependant({
  actor,
  input,
  now,
  origin,
}: Call<AddDependantRequest>): Promise<{ dependantUid: string }> {
  if (actor.role !== "patient")
    throw appError("permission-denied", "role-not-allowed", "a family account is a patient's account");
  const dependantUid = newPatientId();
  await runTransaction(async (tx) => {
    const [holder, contact] = await Promise.all([getPatient(actor.uid, tx), getContact(actor.uid, tx)]);
    const at = Timestamp.fromDate(now);
    createPatient(tx, dependantUid, { ...input, updatedAt: at });
    setCareLink(
      tx,
      newCareLink(
        {
          patientUid: dependantUid,
          helperUid: actor.uid,
          kind: "holder",
          org: null,
          helperName: holder?.name ?? "Family",
          status: "active",
          registeredByHelper: true,
          consent: { method: "holder", at },
        },
        now,
      ),
    );
    if (contact?.phone)
      setContact(tx, dependantUid, {
        phone: contact.phone,
        verifiedAt: contact.verifiedAt,
        verifiedBy: contact.verifiedBy,
        updatedAt: at,
      });
    recordDependantAction(tx, { action: "care.dependantAdded", actor, dependantUid, origin }, now);
  });
  logger.info("care.dependantAdded", { dependantUid, by: actor.uid });
  return { dependantUid };
}
