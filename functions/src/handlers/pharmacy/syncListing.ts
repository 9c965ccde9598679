import { cellOf } from "../../domain/pharmacy/nearby";
import { rebuildPharmacyListings, relistPharmacy } from "../../repo/pharmacies";

/**
 * A pharmacy document was written (created, edited by its pharmacist, suspended, deleted, or
 * written by hand): its entry in the nearby search's listing follows, from the document as it is
 * now; a move out of a cell takes it out of the old cell's listing.
 */
export async function syncPharmacyListing(
  id: string,
  geohashBefore: unknown,
  geohashAfter: unknown,
): Promise<void> {
  await relistPharmacy(id, [cellOf(geohashBefore), cellOf(geohashAfter)]);
}

/** Every listing rebuilt from the pharmacies: after a first deployment, or data written with the triggers off. */
export async function rebuildListings(): Promise<{ pharmacies: number; cells: number }> {
  return rebuildPharmacyListings();
}
