import { deletePrefix } from "../../../adapters/storage/bucket";
import { exportsFolder, recordsFolder } from "../../../domain/records/paths";
import { commitWrites, findStoredByPatient } from "../../../repo/stored";

/**
 * Step 4. What the patient uploaded is erased: every health-record file and every export archive
 * in Cloud Storage, then the records' metadata (pending and rejected ones too).
 */
export async function eraseUploads(patientUid: string): Promise<{ records: number; files: number }> {
  const [records, recordFiles, exportFiles] = await Promise.all([
    findStoredByPatient("records", patientUid),
    deletePrefix(recordsFolder(patientUid)),
    deletePrefix(exportsFolder(patientUid)),
  ]);
  await commitWrites(records.map((record) => ({ delete: record.path })));
  return { records: records.length, files: recordFiles + exportFiles };
}
