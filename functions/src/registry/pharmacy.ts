import { pharmacyCallable } from "./areas";

/** The medicine master, pharmacies' stock and the nearby search: handlers/pharmacy/. */
export const PHARMACY_CALLABLES = [
  pharmacyCallable({
    name: "upsertMedicine",
    summary: "Adds or replaces an entry of the medicine master; its id is derived from the entry.",
    who: "platform admins",
    checkRevoked: true,
    handler: () => import("../handlers/pharmacy/upsertMedicine").then((m) => m.upsertMedicine),
  }),
  pharmacyCallable({
    name: "searchMedicines",
    summary: "Searches the medicine master by name prefixes over generic and brand names.",
    who: "any signed-in user",
    handler: () => import("../handlers/pharmacy/searchMedicines").then((m) => m.searchMedicines),
  }),
  pharmacyCallable({
    name: "setStockItem",
    summary: "Replaces one medicine's batches, price and low-stock threshold at a pharmacy.",
    who: "the pharmacists of that pharmacy, while it is approved",
    handler: () => import("../handlers/pharmacy/setStockItem").then((m) => m.setStockItem),
  }),
  pharmacyCallable({
    name: "importStockCsv",
    summary:
      "Imports a pharmacy's stock from CSV; bad rows are reported, the same file twice writes nothing.",
    who: "the pharmacists of that pharmacy, while it is approved",
    // A 20,000-row file takes a while on a cold instance; the memory holds the parsed file.
    timeoutSeconds: 300,
    memory: "512MiB",
    handler: () => import("../handlers/pharmacy/importStockCsv").then((m) => m.importStockCsv),
  }),
  pharmacyCallable({
    name: "findPharmacies",
    summary:
      "Approved pharmacies within a radius, nearest first; with medicines or a prescription, where to fill it.",
    who: "any signed-in user (a prescription: one the caller may read)",
    handler: () => import("../handlers/pharmacy/findPharmacies").then((m) => m.findPharmacies),
  }),
  pharmacyCallable({
    name: "reserveMedicines",
    summary:
      "Holds every line's balance of the patient's prescription at one pharmacy for a pickup window; never oversells.",
    who: "the patient of the prescription",
    handler: () => import("../handlers/pharmacy/reserveMedicines").then((m) => m.reserveMedicines),
  }),
  pharmacyCallable({
    name: "decideReservation",
    summary: "Confirms a reservation, or declines it and puts its units back on sale.",
    who: "the pharmacists of the reserving pharmacy",
    handler: () => import("../handlers/pharmacy/decideReservation").then((m) => m.decideReservation),
  }),
] as const;
