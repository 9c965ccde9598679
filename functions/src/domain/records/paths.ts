/** Where a patient's files live in Cloud Storage (storage.rules opens none of them to clients). */

/**
 * Where a health record's file is uploaded: `records/{patientUid}/{recordId}`, the object the
 * signed PUT URL is for. The URL stays valid for its whole life, so this object can change at
 * any time: nothing is ever served from it.
 */
export const recordPath = (patientUid: string, recordId: string) => `records/${patientUid}/${recordId}`;

/**
 * Where the file is served from once checked: a copy of one generation of the upload, under a
 * name no URL was ever signed for, so what was checked is what is downloaded.
 * `records/{patientUid}/{recordId}.checked-{generation}`.
 */
export const checkedRecordPath = (patientUid: string, recordId: string, generation: string) =>
  `${recordPath(patientUid, recordId)}.checked-${generation}`;
export const recordsFolder = (patientUid: string) => `records/${patientUid}/`;

/** A "export my data" archive: `exports/{patientUid}/{epoch ms}.zip`. */
export const exportPath = (patientUid: string, now: Date) => `exports/${patientUid}/${now.getTime()}.zip`;
export const exportsFolder = (patientUid: string) => `exports/${patientUid}/`;
