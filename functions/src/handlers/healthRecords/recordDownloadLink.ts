import { signedDownloadUrl } from "../../adapters/storage/bucket";
import { recordAccess } from "../../authz/clinical";
import type { Call } from "../../registry/define";
import { consentsFor } from "../../repo/consents";
import { getRecord, sharesOf } from "../../repo/records";
import type { RecordIdRequest } from "../../schemas/records";
import { logRecordReads } from "../../services/healthRecords/accessLog";
import { appError } from "../../schemas/errors";

/** Download links live 5 minutes: long enough to open, short enough not to be passed around. */
const DOWNLOAD_SECONDS = 5 * 60;

/**
 * A short-lived signed download link, after the same check the rules make: owner, share or
 * consent (revoked or expired consent stops the next request). Logged in the access log.
 */
export async function recordDownloadLink({ actor, input, now }: Call<RecordIdRequest>) {
  const { recordId } = input;
  const record = await getRecord(recordId);
  const access =
    record && record.status === "ready"
      ? recordAccess(
          actor,
          { ...record, shares: sharesOf(record) },
          await consentsFor(record.patientUid, actor),
          now,
        )
      : null;
  // The same answer whether it does not exist or is not yours.
  if (!record || !access)
    throw appError("not-found", "record-not-found", "no such record, or no consent to read it");
  const link = await signedDownloadUrl({
    path: record.path,
    expiresInSeconds: DOWNLOAD_SECONDS,
    downloadName: `${record.title}.${record.contentType.split("/")[1]}`,
  });
  await logRecordReads(actor, "download", [{ patientUid: record.patientUid, recordId, access }], now);
  return { url: link.url, expiresAt: link.expiresAt };
}
