import { onDocumentWritten } from "firebase-functions/v2/firestore";

/**
 * Every write of a pharmacy document brings its entry in the nearby search's listing
 * (pharmacyCells) up to date: pharmacists edit name, phone and hours directly (firestore.rules).
 * Retried on failure; the handler is idempotent (handlers/pharmacy/syncListing.ts).
 */
export const syncPharmacyListing = onDocumentWritten(
  { document: "pharmacies/{pharmacyId}", retry: true },
  async (event) => {
    const { syncPharmacyListing: sync } = await import("../../handlers/pharmacy/syncListing");
    await sync(event.params.pharmacyId, event.data?.before.get("geohash"), event.data?.after.get("geohash"));
  },
);
