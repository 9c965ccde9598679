import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions";
import { createPhoneUser, deleteUser, uidByPhoneNumber } from "../../adapters/identity";
import { canRegisterPatients } from "../../authz/care";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { setCareLink } from "../../repo/careLinks";
import { createPatient, newPatientId } from "../../repo/patients";
import { runTransaction } from "../../repo/transaction";
import type { RegisterPatientRequest } from "../../schemas/care";
import { pendingWorkerLink, workerName } from "../../services/care/links";
import { appError } from "../../schemas/errors";

export interface RegisterPatientResult {
  patientUid: string;
  /** The worker acts for the patient once they agree (requestCareConsent or attestCareConsent). */
  status: "pending";
}

/**
 * A health worker registers a patient who has only a phone number (issue 15): an Auth account for
 * that number (the patient signs in by it later, with Firebase's own SMS code), a minimal profile,
 * and the worker's care link, pending until the patient agrees. A number that already belongs to an
 * account is refused (`already-exists`): nobody's account is taken over. The account is made first
 * (Auth guarantees one account per number, so two workers registering one number cannot both win);
 * if the profile's commit then fails, the account is deleted again.
 */
export async function registerPatient({
  actor,
  input,
  now,
  origin,
}: Call<RegisterPatientRequest>): Promise<RegisterPatientResult> {
  if (!canRegisterPatients(actor))
    throw appError(
      "permission-denied",
      "role-not-allowed",
      "only an approved health worker registers patients",
    );
  const taken = () =>
    appError(
      "already-exists",
      "already-exists",
      "this number already has an account: the patient signs in with it, or confirms your request by code",
    );
  if (await uidByPhoneNumber(input.phone)) throw taken();
  const helperName = await workerName(actor.uid);
  const patientUid = newPatientId();
  if (!(await createPhoneUser(patientUid, input.phone))) throw taken();
  try {
    await runTransaction(async (tx) => {
      const { phone, name, language, dateOfBirth, sex } = input;
      createPatient(tx, patientUid, {
        name,
        phone,
        language,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(sex ? { sex } : {}),
        updatedAt: Timestamp.fromDate(now),
      });
      setCareLink(tx, pendingWorkerLink(patientUid, actor, helperName, true, now));
      const target = { type: "patient", id: patientUid };
      recordAction(
        tx,
        { action: "care.patientRegistered", actor, org: actor.org ?? null, target, origin },
        now,
      );
    });
  } catch (error) {
    await deleteUser(patientUid);
    throw error;
  }
  logger.info("care.patientRegistered", { patientUid, by: actor.uid });
  return { patientUid, status: "pending" };
}
