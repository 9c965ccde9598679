import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { signedUploadUrl, type SignedRequest } from "../../adapters/storage/bucket";
import type { Actor } from "../../domain/identity/actor";
import { recordPath } from "../../domain/records/paths";
import type { Call } from "../../registry/define";
import { actingFor } from "../../services/care/actingFor";
import { getAppointment } from "../../repo/appointments";
import { getRecordedAnswer, createRecordedAnswer, idempotentCall } from "../../repo/idempotency";
import { createRecord, newRecordId, type RecordDoc } from "../../repo/records";
import { runTransaction } from "../../repo/transaction";
import { RECORD_MAX_BYTES, type RequestRecordUpload } from "../../schemas/records";
import { appError, invalidField } from "../../schemas/errors";

/** Upload URLs live 15 minutes. */
const UPLOAD_URL_SECONDS = 15 * 60;
/** A doctor may upload for a patient of a booked or completed appointment until 7 days after it ends. */
const CARE_WINDOW_AFTER_MS = 7 * 86_400_000;

/** A patient uploads for themselves; a doctor for a patient of theirs during care, or refused. */
async function checkUploader(actor: Actor, patientUid: string, input: RequestRecordUpload, now: Date) {
  // A helper the patient agreed to (issue 15): services/care/actingFor.ts decided already.
  if (actor.onBehalfOf !== undefined && actor.onBehalfOf === patientUid) return;
  if (patientUid === actor.uid) {
    if (actor.role !== "patient")
      throw appError(
        "permission-denied",
        "forbidden",
        "records belong to patients; a doctor uploads for a patient with patientUid",
      );
    return;
  }
  if (actor.role !== "doctor")
    throw appError(
      "permission-denied",
      "forbidden",
      "only the patient, or their doctor during care, uploads their records",
    );
  if (!input.appointmentId)
    throw appError(
      "invalid-argument",
      "invalid-request",
      "appointmentId: a doctor uploads for a patient within an appointment",
    );
  const appointment = await getAppointment(input.appointmentId);
  const inCare =
    appointment !== null &&
    appointment.doctorUid === actor.uid &&
    appointment.patientUid === patientUid &&
    ["booked", "completed"].includes(appointment.status) &&
    now.getTime() <= appointment.end.toMillis() + CARE_WINDOW_AFTER_MS;
  if (!inCare)
    throw appError(
      "permission-denied",
      "forbidden",
      "you may upload for this patient only during their care with you",
    );
}

/**
 * Mints a V4 signed PUT URL for one health record and writes its metadata as `pending`. A
 * patient uploads for themselves; a doctor for a patient of theirs during care: an appointment of
 * theirs with that patient, booked or completed, until 7 days after it ended. With an idempotency
 * key, a retry returns the first record and URL instead of a second pending record.
 */
export async function requestRecordUpload({
  actor: caller,
  input,
  now,
}: Call<RequestRecordUpload>): Promise<{ recordId: string; upload: SignedRequest }> {
  if (
    input.onBehalfOf !== undefined &&
    input.patientUid !== undefined &&
    input.patientUid !== input.onBehalfOf
  )
    throw invalidField("onBehalfOf", "give the patient once, as onBehalfOf");
  const actor =
    input.onBehalfOf !== undefined || caller.role === "healthWorker"
      ? await actingFor(caller, input.onBehalfOf)
      : caller;
  const patientUid = input.onBehalfOf ?? input.patientUid ?? actor.uid;
  await checkUploader(actor, patientUid, input, now);
  const call = idempotentCall(actor.uid, "requestRecordUpload", input);
  const recorded = await getRecordedAnswer<{ recordId: string; upload: SignedRequest }>(call);
  if (recorded) return recorded;
  const recordId = newRecordId();
  const path = recordPath(patientUid, recordId);
  const upload = await signedUploadUrl({
    path,
    contentType: input.contentType,
    maxBytes: RECORD_MAX_BYTES,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  const record: RecordDoc = {
    patientUid,
    type: input.type,
    title: input.title,
    date: input.date,
    provider: input.provider ?? null,
    tags: input.tags,
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    path,
    status: "pending",
    uploadedBy: actor.uid,
    uploaderRole: actor.role,
    appointmentId: input.appointmentId ?? null,
    shares: {},
    createdAt: Timestamp.fromDate(now),
  };
  const result = { recordId, upload };
  const answer = await runTransaction(async (tx) => {
    const again = await getRecordedAnswer<typeof result>(call, tx);
    if (again) return again;
    createRecord(tx, recordId, record);
    createRecordedAnswer(tx, call, result, now);
    return result;
  });
  if (answer.recordId === recordId) logger.info("record.upload.requested", { recordId });
  return answer;
}
