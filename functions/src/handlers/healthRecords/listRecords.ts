import { recordAccess, type RecordAccess } from "../../authz/clinical";
import type { Call } from "../../registry/define";
import { consentsFor } from "../../repo/consents";
import { findRecordsPage, getRecord, sharesOf, type RecordCursor, type RecordDoc } from "../../repo/records";
import type { ListRecordsRequest } from "../../schemas/records";
import { logRecordReads } from "../../services/healthRecords/accessLog";
import { appError } from "../../schemas/errors";

/** Pages read at most per request while looking for a page's worth of records a doctor may see. */
const MAX_READS = 5;

/**
 * A patient's records, filtered by type, date range and provider, newest first, a page at a time.
 * The patient lists their own; a doctor lists what shares and consents allow (the others on the
 * page are left out). Every record returned is written to the access log.
 */
export async function listRecords({ actor, input, now }: Call<ListRecordsRequest>) {
  const patientUid = input.patientUid ?? actor.uid;
  if (patientUid !== actor.uid && actor.role !== "doctor")
    throw appError(
      "permission-denied",
      "forbidden",
      "only the patient and doctors they allow read their records",
    );
  const consents = await consentsFor(patientUid, actor);
  if (input.cursor) {
    // A cursor is the id of the last record of a page this caller was shown. Any other id (another
    // patient's record, one the caller may not see, a pending one, or none at all) would place the
    // page by a record the caller has no right to: every such cursor gets the same refusal.
    const at = await getRecord(input.cursor);
    const listable =
      at !== null &&
      at.patientUid === patientUid &&
      at.status === "ready" &&
      recordAccess(actor, { ...at, shares: sharesOf(at) }, consents, now) !== null;
    if (!listable)
      throw appError("invalid-argument", "invalid-cursor", "cursor: not a cursor of this listing");
  }
  // A doctor may see only some records: pages are read until a page's worth is visible (at most
  // five reads), and the cursor is the last *visible* record, so no other record id leaks.
  const visible: Array<{ record: RecordDoc & { id: string }; access: RecordAccess }> = [];
  let cursor: RecordCursor | undefined = input.cursor;
  let exhausted = false;
  for (let reads = 0; reads < MAX_READS && visible.length < input.pageSize && !exhausted; reads += 1) {
    const page = await findRecordsPage(patientUid, input, input.pageSize, cursor);
    for (const record of page.items) {
      const access = recordAccess(actor, { ...record, shares: sharesOf(record) }, consents, now);
      if (access && visible.length < input.pageSize) visible.push({ record, access });
    }
    cursor = page.next ?? undefined;
    exhausted = page.next === null;
  }
  const nextCursor =
    exhausted && visible.length < input.pageSize ? null : (visible.at(-1)?.record.id ?? null);
  await logRecordReads(
    actor,
    "list",
    visible.map(({ record, access }) => ({ patientUid, recordId: record.id, access })),
    now,
  );
  return {
    records: visible.map(({ record }) => ({
      recordId: record.id,
      type: record.type,
      title: record.title,
      date: record.date,
      provider: record.provider,
      tags: record.tags,
      contentType: record.contentType,
      sizeBytes: record.sizeBytes,
      uploadedBy: record.uploadedBy,
    })),
    nextCursor,
  };
}
