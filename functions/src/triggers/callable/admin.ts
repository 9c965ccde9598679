import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { exportCsv } from "../../handlers/admin/exportCsv";
import { getKpis } from "../../handlers/admin/getKpis";
import { listUsers } from "../../handlers/admin/listUsers";
import { readAuditLog } from "../../handlers/admin/readAuditLog";
import { setUserStatus } from "../../handlers/admin/setUserStatus";

export const getKpisFn = onCall({ ...appCheckFor("getKpis") }, (request) => getKpis(request));
export const exportCsvFn = onCall({ ...appCheckFor("exportCsv") }, (request) => exportCsv(request));
export const listUsersFn = onCall({ ...appCheckFor("listUsers") }, (request) => listUsers(request));
export const setUserStatusFn = onCall({ ...appCheckFor("setUserStatus") }, (request) =>
  setUserStatus(request),
);
export const readAuditLogFn = onCall({ ...appCheckFor("readAuditLog") }, (request) => readAuditLog(request));
