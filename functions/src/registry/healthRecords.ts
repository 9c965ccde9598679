import { defineCallable } from "./define";

/** Health-record files and the consents to read them: handlers/healthRecords/, handlers/consents/. */
export const HEALTH_RECORDS_CALLABLES = [
  defineCallable({
    name: "requestRecordUpload",
    summary: "A signed upload URL for one health-record file (PDF, JPEG, PNG, 10 MB), its metadata pending.",
    who: "the patient; their doctor during care (an appointment of theirs, until 7 days after it ends)",
    request: () => import("../schemas/records").then((m) => m.requestRecordUploadSchema),
    rateLimit: "upload",
    response: () =>
      import("../schemas/responses/healthRecords").then((m) => m.requestRecordUploadResponseSchema),
    handler: () => import("../handlers/healthRecords/requestRecordUpload").then((m) => m.requestRecordUpload),
  }),
  defineCallable({
    name: "confirmRecordUpload",
    summary: "Checks the uploaded file's real type and size: ready, or rejected and deleted.",
    who: "whoever requested the upload",
    request: () => import("../schemas/records").then((m) => m.recordIdRequestSchema),
    response: () =>
      import("../schemas/responses/healthRecords").then((m) => m.confirmRecordUploadResponseSchema),
    handler: () => import("../handlers/healthRecords/confirmRecordUpload").then((m) => m.confirmRecordUpload),
  }),
  defineCallable({
    name: "listRecords",
    summary: "A patient's ready records, filtered and newest first, a page at a time; logged.",
    who: "the patient; a doctor, for what shares and consents allow",
    request: () => import("../schemas/records").then((m) => m.listRecordsRequestSchema),
    response: () => import("../schemas/responses/healthRecords").then((m) => m.listRecordsResponseSchema),
    handler: () => import("../handlers/healthRecords/listRecords").then((m) => m.listRecords),
  }),
  defineCallable({
    name: "recordDownloadLink",
    summary: "A signed download link to one record, valid 5 minutes; logged.",
    who: "the patient; a doctor the record is shared with or who holds a consent covering it",
    request: () => import("../schemas/records").then((m) => m.recordIdRequestSchema),
    response: () =>
      import("../schemas/responses/healthRecords").then((m) => m.recordDownloadLinkResponseSchema),
    handler: () => import("../handlers/healthRecords/recordDownloadLink").then((m) => m.recordDownloadLink),
  }),
  defineCallable({
    name: "shareRecords",
    summary: "Shares records with the doctor of an appointment until 30 days after it ends.",
    who: "the appointment's patient",
    request: () => import("../schemas/records").then((m) => m.shareRecordsRequestSchema),
    response: () => import("../schemas/responses/healthRecords").then((m) => m.shareRecordsResponseSchema),
    handler: () => import("../handlers/healthRecords/shareRecords").then((m) => m.shareRecords),
  }),
  defineCallable({
    name: "grantConsent",
    summary: "Grants a doctor or an organisation's doctors access to records, by scope, until an expiry.",
    who: "patients; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    request: () => import("../schemas/records").then((m) => m.grantConsentRequestSchema),
    response: () => import("../schemas/responses/healthRecords").then((m) => m.grantConsentResponseSchema),
    handler: () => import("../handlers/consents/grantConsent").then((m) => m.grantConsent),
  }),
  defineCallable({
    name: "revokeConsent",
    summary: "Revokes a consent; it stops the grantee's next request. Revoking twice answers the same.",
    who: "the patient who granted it; with onBehalfOf, a health worker or a family account's holder the patient agreed to",
    request: () => import("../schemas/records").then((m) => m.revokeConsentRequestSchema),
    response: () => import("../schemas/responses/healthRecords").then((m) => m.revokeConsentResponseSchema),
    handler: () => import("../handlers/consents/revokeConsent").then((m) => m.revokeConsent),
  }),
] as const;
