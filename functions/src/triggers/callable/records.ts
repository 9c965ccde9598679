import { onCall } from "firebase-functions/v2/https";
import { listRecords, recordDownloadLink, shareRecords } from "../../handlers/records/access";
import { grantConsent, revokeConsent } from "../../handlers/records/consents";
import { deleteMyAccount } from "../../handlers/records/deleteMyAccount";
import { exportMyData } from "../../handlers/records/exportMyData";
import { confirmRecordUpload, requestRecordUpload } from "../../handlers/records/uploads";

export const requestRecordUploadFn = onCall({}, (request) => requestRecordUpload(request));
export const confirmRecordUploadFn = onCall({}, (request) => confirmRecordUpload(request));
export const listRecordsFn = onCall({}, (request) => listRecords(request));
export const recordDownloadLinkFn = onCall({}, (request) => recordDownloadLink(request));
export const shareRecordsFn = onCall({}, (request) => shareRecords(request));
export const grantConsentFn = onCall({}, (request) => grantConsent(request));
export const revokeConsentFn = onCall({}, (request) => revokeConsent(request));
/** Zips every file of the patient: more memory and time than the default. */
export const exportMyDataFn = onCall({ memory: "1GiB", timeoutSeconds: 300 }, (request) => exportMyData(request));
export const deleteMyAccountFn = onCall({ timeoutSeconds: 300 }, (request) => deleteMyAccount(request));
