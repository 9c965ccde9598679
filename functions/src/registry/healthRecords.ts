import { healthRecordCallable } from "./areas";

/** Health-record files and the consents to read them: handlers/healthRecords/, handlers/consents/. */
export const HEALTH_RECORDS_CALLABLES = [
  healthRecordCallable({
    name: "requestRecordUpload",
    summary: "A signed upload URL for one health-record file (PDF, JPEG, PNG, 10 MB), its metadata pending.",
    who: "the patient; their doctor during care (an appointment of theirs, until 7 days after it ends)",
    rateLimit: "upload",
    handler: () => import("../handlers/healthRecords/requestRecordUpload").then((m) => m.requestRecordUpload),
  }),
  healthRecordCallable({
    name: "confirmRecordUpload",
    summary: "Checks the uploaded file's real type and size: ready, or rejected and deleted.",
    who: "whoever requested the upload",
    request: "recordIdRequestSchema",
    handler: () => import("../handlers/healthRecords/confirmRecordUpload").then((m) => m.confirmRecordUpload),
  }),
  healthRecordCallable({
    name: "listRecords",
    summary: "A patient's ready records, filtered and newest first, a page at a time; logged.",
    who: "the patient; a doctor, for what shares and consents allow",
    handler: () => import("../handlers/healthRecords/listRecords").then((m) => m.listRecords),
  }),
  healthRecordCallable({
    name: "recordDownloadLink",
    summary: "A signed download link to one record, valid 5 minutes; logged.",
    who: "the patient; a doctor the record is shared with or who holds a consent covering it",
    request: "recordIdRequestSchema",
    handler: () => import("../handlers/healthRecords/recordDownloadLink").then((m) => m.recordDownloadLink),
  }),
  healthRecordCallable({
    name: "shareRecords",
    summary: "Shares records with the doctor of an appointment until 30 days after it ends.",
    who: "the appointment's patient",
    handler: () => import("../handlers/healthRecords/shareRecords").then((m) => m.shareRecords),
  }),
  healthRecordCallable({
    name: "grantConsent",
    summary: "Grants a doctor or an organisation's doctors access to records, by scope, until an expiry.",
    who: "patients; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    handler: () => import("../handlers/consents/grantConsent").then((m) => m.grantConsent),
  }),
  healthRecordCallable({
    name: "revokeConsent",
    summary: "Revokes a consent; it stops the grantee's next request. Revoking twice answers the same.",
    who: "the patient who granted it; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    handler: () => import("../handlers/consents/revokeConsent").then((m) => m.revokeConsent),
  }),
] as const;
