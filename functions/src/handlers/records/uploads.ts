import { HttpsError, type CallableRequest } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { deleteObject, getMetadata, readHead, signedUploadUrl } from "../../adapters/storage/bucket";
import { checkUpload, SNIFF_BYTES } from "../../domain/records/sniff";
import { recordAudit } from "../../repo/audit";
import { buildEvent } from "../../domain/events/events";
import { recordEvent } from "../../repo/events";
import { appointmentRef } from "../../repo/appointments";
import { newRecordRef, recordPath, recordRef, getRecord, type RecordDoc } from "../../repo/records";
import { RECORD_MAX_BYTES, recordIdRequestSchema, requestRecordUploadSchema } from "../../schemas/records";
import { requestOrigin, requireActor } from "../context";
import { enforceRateLimit } from "../rateLimit";
import { parseRequest } from "../errors";

/** Upload URLs live 15 minutes. */
const UPLOAD_URL_SECONDS = 15 * 60;
/** A doctor may upload for a patient of a booked or completed appointment until 7 days after it ends. */
const CARE_WINDOW_AFTER_MS = 7 * 86_400_000;

/**
 * Mints a V4 signed PUT URL for one health record and writes its metadata as `pending`. A
 * patient uploads for themselves; a doctor for a patient of theirs during care: an appointment of
 * theirs with that patient, booked or completed, until 7 days after it ended.
 */
export async function requestRecordUpload(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  await enforceRateLimit(actor, "upload", now);
  const input = parseRequest(requestRecordUploadSchema, request.data);
  const patientUid = input.patientUid ?? actor.uid;
  if (patientUid !== actor.uid) {
    if (actor.role !== "doctor")
      throw new HttpsError(
        "permission-denied",
        "only the patient, or their doctor during care, uploads their records",
      );
    if (!input.appointmentId)
      throw new HttpsError(
        "invalid-argument",
        "appointmentId: a doctor uploads for a patient within an appointment",
      );
    const appointment = await appointmentRef(input.appointmentId).get();
    const inCare =
      appointment.exists &&
      appointment.get("doctorUid") === actor.uid &&
      appointment.get("patientUid") === patientUid &&
      ["booked", "completed"].includes(appointment.get("status")) &&
      now.getTime() <= appointment.get("end").toMillis() + CARE_WINDOW_AFTER_MS;
    if (!inCare)
      throw new HttpsError(
        "permission-denied",
        "you may upload for this patient only during their care with you",
      );
  } else if (actor.role !== "patient") {
    throw new HttpsError(
      "permission-denied",
      "records belong to patients; a doctor uploads for a patient with patientUid",
    );
  }
  const ref = newRecordRef();
  const path = recordPath(patientUid, ref.id);
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
    createdAt: now,
  };
  await ref.create(record);
  logger.info("record.upload.requested", { recordId: ref.id });
  return { recordId: ref.id, upload };
}

/**
 * After the PUT: the real type (from the file's first bytes) and size are checked against what
 * was declared and allowed. A file that passes becomes `ready`; one that does not is deleted
 * from Storage and its record marked `rejected` with the reason, and the call says why.
 */
export async function confirmRecordUpload(request: CallableRequest<unknown>, now = new Date()) {
  const actor = await requireActor(request);
  const { recordId } = parseRequest(recordIdRequestSchema, request.data);
  const record = await getRecord(recordId);
  if (!record || record.uploadedBy !== actor.uid) throw new HttpsError("not-found", "no such upload");
  if (record.status !== "pending")
    return {
      recordId,
      status: record.status,
      ...(record.rejectReason ? { reason: record.rejectReason } : {}),
    };
  const meta = await getMetadata(record.path);
  if (!meta) throw new HttpsError("failed-precondition", "nothing has been uploaded to this record yet");
  const head = (await readHead(record.path, SNIFF_BYTES)) ?? Buffer.alloc(0);
  const verdict = checkUpload(record, { head, size: meta.size }, RECORD_MAX_BYTES);
  if (!verdict.ok) {
    await deleteObject(record.path);
    await recordRef(recordId).update({ status: "rejected", rejectReason: verdict.reason, rejectedAt: now });
    await recordAudit(
      {
        action: "record.rejected",
        actor,
        org: null,
        target: { type: "record", id: recordId },
        origin: requestOrigin(request),
      },
      now,
    );
    logger.warn("record.upload.rejected", { recordId });
    throw new HttpsError("failed-precondition", `rejected and deleted: ${verdict.reason}`);
  }
  await recordRef(recordId).update({ status: "ready", readyAt: now });
  await recordAudit(
    {
      action: "record.uploaded",
      actor,
      org: null,
      target: { type: "record", id: recordId },
      origin: requestOrigin(request),
    },
    now,
  );
  await recordEvent(
    buildEvent(
      "record.uploaded",
      { org: null, ids: { recordId, patientUid: record.patientUid, actorUid: actor.uid }, key: recordId },
      now,
    ),
  );
  logger.info("record.upload.ready", { recordId });
  return { recordId, status: "ready" as const };
}
