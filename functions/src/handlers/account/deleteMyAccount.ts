import { logger } from "firebase-functions/v2";
import type { Call } from "../../registry/define";
import { createAuditEntry } from "../../repo/audit";
import type { DeleteAccountRequest } from "../../schemas/records";
import { deleteAuthUser } from "../../services/account/deletion/deleteAuthUser";
import { eraseProfileAndPrivateData } from "../../services/account/deletion/eraseProfileAndPrivateData";
import { eraseUploads } from "../../services/account/deletion/eraseUploads";
import { refuseWhileAppointmentsAhead } from "../../services/account/deletion/refuseWhileAppointmentsAhead";
import { retainRecordOfCare } from "../../services/account/deletion/retainRecordOfCare";
import { stopSessions } from "../../services/account/deletion/stopSessions";
import { appError } from "../../schemas/errors";

/**
 * A patient deletes their account (domain/records/retention.ts), in the steps of
 * services/account/deletion/, one after the other: refused while an appointment is still ahead;
 * every session stopped (the old tokens can create nothing more); the record of care moved into
 * `retained/{uid}` (consents revoked); uploads erased; the profile and private data (role
 * application included) erased; the Auth user deleted last, and every token of it refused. The
 * account's own words ("DELETE MY ACCOUNT") are checked by the request schema.
 */
export async function deleteMyAccount({ actor, now, origin }: Call<DeleteAccountRequest>) {
  if (actor.role !== "patient")
    throw appError(
      "failed-precondition",
      "closed-by-admin",
      "clinician and admin accounts are closed by an administrator",
    );
  const uid = actor.uid;
  await refuseWhileAppointmentsAhead(uid, now);
  await stopSessions(uid, now);
  const care = await retainRecordOfCare(uid, now);
  const uploads = await eraseUploads(uid);
  const privateData = await eraseProfileAndPrivateData(uid);
  // TODO(issue 13): the audit entry is written on its own, after the writes it records.
  await createAuditEntry(
    { action: "account.deleted", actor, org: null, target: { type: "patient", id: uid }, origin },
    now,
  );
  await deleteAuthUser(uid);
  logger.info("account.deleted", { uid, moved: care.moved, retained: care.retained });
  return {
    erased: { ...uploads, ...privateData, profile: 1 },
    revokedConsents: care.revokedConsents,
    retained: care.retained,
    retainUntil: care.retainUntil.toISOString(),
  };
}
