import { z } from "zod";

/**
 * `pharmacyCells/{cell}`: the listing of one geohash cell (domain/pharmacy/nearby.ts,
 * LISTING_PRECISION characters), which the nearby search reads instead of the pharmacies
 * themselves: one document read per cell, however many pharmacies it holds. Written by functions
 * only (repo/pharmacies.ts keeps it; firestore.rules opens it to nobody).
 *
 * `pharmacies` has a key for every pharmacy document whose geohash lies in the cell: its listing
 * entry when it is approved and well formed, else null. The number of keys is what a search
 * compares with a count of the pharmacy documents in the cell, to notice a listing that is behind.
 */
export const listingEntrySchema = z.object({
  name: z.string(),
  status: z.literal("approved"),
  org: z.string(),
  lat: z.number(),
  lng: z.number(),
  phone: z.string().optional(),
  address: z.record(z.string(), z.string()).optional(),
  openingHours: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))).optional(),
  timezone: z.string().optional(),
});
export type ListingEntry = z.infer<typeof listingEntrySchema>;

export const pharmacyCellDocSchema = z.object({
  cell: z.string(),
  pharmacies: z.record(z.string(), listingEntrySchema.nullable()).default({}),
});
export type PharmacyCellDoc = z.infer<typeof pharmacyCellDocSchema>;
