import { defineCallable } from "./define";

/** The medicine master, pharmacies' stock and the nearby search: handlers/pharmacy/. */
export const PHARMACY_CALLABLES = [
  defineCallable({
    name: "upsertMedicine",
    summary: "Adds or replaces an entry of the medicine master; its id is derived from the entry.",
    who: "platform admins",
    request: () => import("../schemas/pharmacy").then((m) => m.upsertMedicineRequestSchema),
    checkRevoked: true,
    response: () => import("../schemas/responses/pharmacy").then((m) => m.upsertMedicineResponseSchema),
    handler: () => import("../handlers/pharmacy/upsertMedicine").then((m) => m.upsertMedicine),
  }),
  defineCallable({
    name: "searchMedicines",
    summary: "Searches the medicine master by name prefixes over generic and brand names.",
    who: "any signed-in user",
    request: () => import("../schemas/pharmacy").then((m) => m.searchMedicinesRequestSchema),
    response: () => import("../schemas/responses/pharmacy").then((m) => m.searchMedicinesResponseSchema),
    handler: () => import("../handlers/pharmacy/searchMedicines").then((m) => m.searchMedicines),
  }),
  defineCallable({
    name: "setStockItem",
    summary: "Replaces one medicine's batches, price and low-stock threshold at a pharmacy.",
    who: "the pharmacists of that pharmacy, while it is approved",
    request: () => import("../schemas/pharmacy").then((m) => m.setStockItemRequestSchema),
    response: () => import("../schemas/responses/pharmacy").then((m) => m.setStockItemResponseSchema),
    handler: () => import("../handlers/pharmacy/setStockItem").then((m) => m.setStockItem),
  }),
  defineCallable({
    name: "importStockCsv",
    summary:
      "Imports a pharmacy's stock from CSV; bad rows are reported, the same file twice writes nothing.",
    who: "the pharmacists of that pharmacy, while it is approved",
    request: () => import("../schemas/pharmacy").then((m) => m.importStockCsvRequestSchema),
    // A 20,000-row file takes a while on a cold instance; the memory holds the parsed file.
    timeoutSeconds: 300,
    memory: "512MiB",
    response: () => import("../schemas/responses/pharmacy").then((m) => m.importStockCsvResponseSchema),
    handler: () => import("../handlers/pharmacy/importStockCsv").then((m) => m.importStockCsv),
  }),
  defineCallable({
    name: "findPharmacies",
    summary:
      "Approved pharmacies within a radius, nearest first; with medicines or a prescription, where to fill it.",
    who: "any signed-in user (a prescription: one the caller may read)",
    request: () => import("../schemas/pharmacy").then((m) => m.findPharmaciesRequestSchema),
    response: () => import("../schemas/responses/pharmacy").then((m) => m.findPharmaciesResponseSchema),
    handler: () => import("../handlers/pharmacy/findPharmacies").then((m) => m.findPharmacies),
  }),
  defineCallable({
    name: "reserveMedicines",
    summary:
      "Holds every line's balance of the patient's prescription at one pharmacy for a pickup window; never oversells.",
    who: "the patient of the prescription",
    request: () => import("../schemas/pharmacy").then((m) => m.reserveMedicinesRequestSchema),
    response: () => import("../schemas/responses/pharmacy").then((m) => m.reserveMedicinesResponseSchema),
    handler: () => import("../handlers/pharmacy/reserveMedicines").then((m) => m.reserveMedicines),
  }),
  defineCallable({
    name: "decideReservation",
    summary: "Confirms a reservation, or declines it and puts its units back on sale.",
    who: "the pharmacists of the reserving pharmacy",
    request: () => import("../schemas/pharmacy").then((m) => m.decideReservationRequestSchema),
    response: () => import("../schemas/responses/pharmacy").then((m) => m.decideReservationResponseSchema),
    handler: () => import("../handlers/pharmacy/decideReservation").then((m) => m.decideReservation),
  }),
] as const;
