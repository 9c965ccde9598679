import type { ListingEntry } from "../../schemas/documents/pharmacyCells";
import type { LatLng } from "./nearby";

/** What the nearby search needs of a pharmacy (repo/pharmacies.ts PharmacyRow has it). */
export interface ListablePharmacy {
  name: string;
  status: string;
  org: string;
  phone?: string;
  address?: Record<string, string>;
  location: LatLng;
  openingHours: Record<string, Array<{ open: string; close: string }>>;
  timezone: string;
}

/**
 * A pharmacy's entry in its cell's listing (`pharmacyCells/{cell}`): what a nearby search answers
 * with, for an approved pharmacy; null for any other, which the search never returns.
 */
export function listingEntryOf(p: ListablePharmacy): ListingEntry | null {
  if (p.status !== "approved") return null;
  return {
    name: p.name,
    status: "approved",
    org: p.org,
    lat: p.location.lat,
    lng: p.location.lng,
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
    ...(p.address !== undefined ? { address: p.address } : {}),
    openingHours: p.openingHours,
    timezone: p.timezone,
  };
}

/** The pharmacy a listing entry stands for, as a search reads it. */
export function listedPharmacy(entry: ListingEntry): ListablePharmacy {
  return {
    name: entry.name,
    status: entry.status,
    org: entry.org,
    ...(entry.phone !== undefined ? { phone: entry.phone } : {}),
    ...(entry.address !== undefined ? { address: entry.address } : {}),
    location: { lat: entry.lat, lng: entry.lng },
    openingHours: entry.openingHours ?? {},
    timezone: entry.timezone ?? "Asia/Kolkata",
  };
}
