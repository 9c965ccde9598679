/**
 * Initialise and re-export only. Each trigger is one line around a named handler in
 * handlers/; the callable names are what clients pass to httpsCallable().
 */
import { initializeApp } from "firebase-admin/app";
import { setGlobalOptions } from "firebase-functions/v2";
import { REGION } from "./config/params";
import { callableTriggers } from "./triggers/callable";

initializeApp();
setGlobalOptions({ region: REGION, maxInstances: 20 });

export { beforeCreate } from "./triggers/auth/beforeUserCreated";

// Every callable of registry/callables.ts, under the name clients call it by.
Object.assign(exports, callableTriggers());
export { api } from "./triggers/http/api";
export {
  applyForRoleFn as applyForRole,
  reviewApplicationFn as reviewApplication,
  createOrganisationFn as createOrganisation,
  assignOrgAdminFn as assignOrgAdmin,
} from "./triggers/callable/identity";
export {
  upsertMedicineFn as upsertMedicine,
  searchMedicinesFn as searchMedicines,
  setStockItemFn as setStockItem,
  importStockCsvFn as importStockCsv,
  findPharmaciesFn as findPharmacies,
  refreshExpiredStockDaily,
} from "./triggers/callable/pharmacy";
export {
  writeClinicalRecordFn as writeClinicalRecord,
  issuePrescriptionFn as issuePrescription,
  prescriptionLinkFn as prescriptionLink,
  dispensePrescriptionFn as dispensePrescription,
} from "./triggers/callable/clinical";
export {
  requestRecordUploadFn as requestRecordUpload,
  confirmRecordUploadFn as confirmRecordUpload,
  listRecordsFn as listRecords,
  recordDownloadLinkFn as recordDownloadLink,
  shareRecordsFn as shareRecords,
  grantConsentFn as grantConsent,
  revokeConsentFn as revokeConsent,
  exportMyDataFn as exportMyData,
  deleteMyAccountFn as deleteMyAccount,
} from "./triggers/callable/records";
export { sendOutboxMessage } from "./triggers/firestore/sendOutboxMessage";
export { retryOutboxMessages } from "./triggers/scheduled/retryOutboxMessages";
export { sendDueReminders } from "./triggers/scheduled/sendDueReminders";
export {
  joinConsultationFn as joinConsultation,
  leaveConsultationFn as leaveConsultation,
  startConsultationFn as startConsultation,
  endConsultationFn as endConsultation,
  markNoShowsEveryFiveMinutes,
} from "./triggers/callable/consultations";
export { exportEventsEveryFiveMinutes } from "./triggers/analytics";
export {
  getKpisFn as getKpis,
  exportCsvFn as exportCsv,
  listUsersFn as listUsers,
  setUserStatusFn as setUserStatus,
  readAuditLogFn as readAuditLog,
} from "./triggers/callable/admin";
