import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { listRecords, recordDownloadLink, shareRecords } from "../../handlers/records/access";
import { grantConsent, revokeConsent } from "../../handlers/records/consents";
import { deleteMyAccount } from "../../handlers/records/deleteMyAccount";
import { exportMyData } from "../../handlers/records/exportMyData";
import { confirmRecordUpload, requestRecordUpload } from "../../handlers/records/uploads";

export const requestRecordUploadFn = onCall({ ...appCheckFor("requestRecordUpload") }, (request) =>
  requestRecordUpload(request),
);
export const confirmRecordUploadFn = onCall({ ...appCheckFor("confirmRecordUpload") }, (request) =>
  confirmRecordUpload(request),
);
export const listRecordsFn = onCall({ ...appCheckFor("listRecords") }, (request) => listRecords(request));
export const recordDownloadLinkFn = onCall({ ...appCheckFor("recordDownloadLink") }, (request) =>
  recordDownloadLink(request),
);
export const shareRecordsFn = onCall({ ...appCheckFor("shareRecords") }, (request) => shareRecords(request));
export const grantConsentFn = onCall({ ...appCheckFor("grantConsent") }, (request) => grantConsent(request));
export const revokeConsentFn = onCall({ ...appCheckFor("revokeConsent") }, (request) =>
  revokeConsent(request),
);
/** Zips every file of the patient: more memory and time than the default. */
export const exportMyDataFn = onCall(
  { ...appCheckFor("exportMyData"), memory: "1GiB", timeoutSeconds: 300 },
  (request) => exportMyData(request),
);
export const deleteMyAccountFn = onCall(
  { ...appCheckFor("deleteMyAccount"), timeoutSeconds: 300 },
  (request) => deleteMyAccount(request),
);
