import { Timestamp } from "firebase-admin/firestore";
import { logger } from "firebase-functions/v2";
import { copyObject, deleteObject, getMetadata, readHead } from "../../adapters/storage/bucket";
import { checkedRecordPath } from "../../domain/records/paths";
import { checkUpload, SNIFF_BYTES } from "../../domain/records/sniff";
import type { Call } from "../../registry/define";
import { actingFor } from "../../services/care/actingFor";
import { recordAction, type ActionRecord } from "../../repo/actions";
import { getRecord, updateRecord, type RecordDoc } from "../../repo/records";
import { runTransaction } from "../../repo/transaction";
import { RECORD_MAX_BYTES, type RecordIdRequest } from "../../schemas/records";
import { appError } from "../../schemas/errors";

/** What confirming a record that is no longer pending answers: its status, and why if rejected. */
const settled = (recordId: string, record: RecordDoc) => ({
  recordId,
  status: record.status,
  ...(record.rejectReason ? { reason: record.rejectReason } : {}),
});

/**
 * After the PUT: the real type (from the file's first bytes) and size are checked against what
 * was declared and allowed. A file that passes becomes `ready`; one that does not is deleted
 * from Storage and its record marked `rejected` with the reason, and the call says why.
 *
 * The signed PUT URL stays valid after the check (for its 15 minutes), so the uploaded object
 * can be replaced at any time. What is checked is therefore a copy of one generation of it, under
 * a name no URL was signed for (domain/records/paths.ts `checkedRecordPath`); the record then
 * points at that copy, the upload object is deleted, and a later PUT to the URL changes nothing
 * that is served. The status changes only from `pending`, in a transaction with its audit entry
 * (and, for a ready file, its event): when two confirms race, the first decision stands and the
 * other's copy is removed.
 */
export async function confirmRecordUpload({ actor: caller, input, now, origin }: Call<RecordIdRequest>) {
  const { recordId } = input;
  const record = await getRecord(recordId);
  if (!record || record.uploadedBy !== caller.uid)
    throw appError("not-found", "record-not-found", "no such upload");
  // A helper's upload (issue 15) is confirmed while they still act for the patient, and audited so.
  const actor =
    record.patientUid !== caller.uid && caller.role !== "doctor"
      ? await actingFor(caller, record.patientUid)
      : caller;
  if (record.status !== "pending") return settled(recordId, record);
  const upload = await getMetadata(record.path);
  if (!upload)
    throw appError("failed-precondition", "upload-missing", "nothing has been uploaded to this record yet");
  const generation = upload.generation ?? String(now.getTime());
  const checkedPath = checkedRecordPath(record.patientUid, recordId, generation);
  const copy = await copyObject(record.path, checkedPath, {
    ...(upload.generation ? { sourceGeneration: upload.generation } : {}),
  });
  if (!copy)
    throw appError(
      "aborted",
      "upload-changed",
      "the upload changed while it was being checked; confirm again",
    );
  const head = (await readHead(checkedPath, SNIFF_BYTES)) ?? Buffer.alloc(0);
  const verdict = checkUpload(record, { head, size: copy.size }, RECORD_MAX_BYTES);
  const at = Timestamp.fromDate(now);
  const target = { type: "record", id: recordId };
  /** Applies the decision and its record if the record is still pending; else the decision already made. */
  const decide = (patch: Parameters<typeof updateRecord>[2], change: ActionRecord) =>
    runTransaction(async (tx) => {
      const current = await getRecord(recordId, tx);
      if (!current || current.status !== "pending") return current;
      updateRecord(tx, recordId, patch);
      recordAction(tx, change, now);
      return null;
    });
  if (!verdict.ok) {
    const earlier = await decide(
      { status: "rejected", rejectReason: verdict.reason, rejectedAt: at },
      { action: "record.rejected", actor, org: null, target, origin },
    );
    await Promise.all([
      earlier?.path === checkedPath ? undefined : deleteObject(checkedPath),
      deleteObject(record.path),
    ]);
    if (earlier) return settled(recordId, earlier);
    logger.warn("record.upload.rejected", { recordId });
    throw appError("failed-precondition", "upload-rejected", `rejected and deleted: ${verdict.reason}`);
  }
  const earlier = await decide(
    { status: "ready", readyAt: at, path: checkedPath },
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
  );
  if (earlier) {
    if (earlier.path !== checkedPath) await deleteObject(checkedPath);
    return settled(recordId, earlier);
  }
  // Served from the copy from now on; the upload object is of no use any more.
  await deleteObject(record.path);
  logger.info("record.upload.ready", { recordId });
  return { recordId, status: "ready" as const };
}
