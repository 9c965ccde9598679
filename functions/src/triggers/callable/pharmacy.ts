import { onCall } from "firebase-functions/v2/https";
import { appCheckFor } from "../../config/appCheck";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { findPharmacies } from "../../handlers/pharmacy/findPharmacies";
import { importStockCsv } from "../../handlers/pharmacy/importStockCsv";
import { searchMedicines, upsertMedicine } from "../../handlers/pharmacy/medicines";
import { refreshExpiredStock } from "../../handlers/pharmacy/refreshStock";
import { setStockItem } from "../../handlers/pharmacy/setStockItem";

export const upsertMedicineFn = onCall({ ...appCheckFor("upsertMedicine") }, (request) =>
  upsertMedicine(request),
);
export const searchMedicinesFn = onCall({ ...appCheckFor("searchMedicines") }, (request) =>
  searchMedicines(request),
);
export const setStockItemFn = onCall({ ...appCheckFor("setStockItem") }, (request) => setStockItem(request));
/** A 20,000-row file takes a while on a cold instance; the memory holds the parsed file. */
export const importStockCsvFn = onCall(
  { ...appCheckFor("importStockCsv"), timeoutSeconds: 300, memory: "512MiB" },
  (request) => importStockCsv(request),
);
export const findPharmaciesFn = onCall({ ...appCheckFor("findPharmacies") }, (request) =>
  findPharmacies(request),
);

/** Batches expire at the end of the day; states are brought up to date soon after midnight IST. */
export const refreshExpiredStockDaily = onSchedule(
  { schedule: "every day 00:15", timeZone: "Asia/Kolkata" },
  async () => {
    await refreshExpiredStock(new Date());
  },
);
