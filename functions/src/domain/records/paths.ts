/** Where a patient's files live in Cloud Storage (storage.rules opens none of them to clients). */

/** An uploaded health record's file: `records/{patientUid}/{recordId}`. */
export const recordPath = (patientUid: string, recordId: string) => `records/${patientUid}/${recordId}`;
export const recordsFolder = (patientUid: string) => `records/${patientUid}/`;

/** A "export my data" archive: `exports/{patientUid}/{epoch ms}.zip`. */
export const exportPath = (patientUid: string, now: Date) => `exports/${patientUid}/${now.getTime()}.zip`;
export const exportsFolder = (patientUid: string) => `exports/${patientUid}/`;
