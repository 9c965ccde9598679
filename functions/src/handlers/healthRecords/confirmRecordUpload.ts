import { Timestamp } from "firebase-admin/firestore";
import { HttpsError } from "firebase-functions/v2/https";
import { logger } from "firebase-functions/v2";
import { deleteObject, getMetadata, readHead } from "../../adapters/storage/bucket";
import { checkUpload, SNIFF_BYTES } from "../../domain/records/sniff";
import type { Call } from "../../registry/define";
import { recordAction } from "../../repo/actions";
import { getRecord, updateRecord } from "../../repo/records";
import { runTransaction } from "../../repo/transaction";
import { RECORD_MAX_BYTES, type RecordIdRequest } from "../../schemas/records";

/**
 * After the PUT: the real type (from the file's first bytes) and size are checked against what
 * was declared and allowed. A file that passes becomes `ready`; one that does not is deleted
 * from Storage and its record marked `rejected` with the reason, and the call says why. The
 * record's new status, its audit entry and (for a ready file) the event commit together.
 */
export async function confirmRecordUpload({ actor, input, now, origin }: Call<RecordIdRequest>) {
  const { recordId } = input;
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
  const at = Timestamp.fromDate(now);
  const target = { type: "record", id: recordId };
  if (!verdict.ok) {
    await deleteObject(record.path);
    await runTransaction(async (tx) => {
      updateRecord(tx, recordId, { status: "rejected", rejectReason: verdict.reason, rejectedAt: at });
      recordAction(tx, { action: "record.rejected", actor, org: null, target, origin }, now);
    });
    logger.warn("record.upload.rejected", { recordId });
    throw new HttpsError("failed-precondition", `rejected and deleted: ${verdict.reason}`);
  }
  await runTransaction(async (tx) => {
    updateRecord(tx, recordId, { status: "ready", readyAt: at });
    recordAction(
      tx,
      {
        action: "record.uploaded",
        actor,
        org: null,
        target,
        origin,
        event: {
          type: "record.uploaded",
          ids: { recordId, patientUid: record.patientUid, actorUid: actor.uid },
          key: recordId,
        },
      },
      now,
    );
  });
  logger.info("record.upload.ready", { recordId });
  return { recordId, status: "ready" as const };
}
