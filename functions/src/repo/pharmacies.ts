import type { GeoPoint } from "firebase-admin/firestore";
import type { LatLng } from "../domain/pharmacy/nearby";
import { COLLECTIONS, db } from "./firestore";

export const pharmacyRef = (id: string) => db().collection(COLLECTIONS.pharmacies).doc(id);

export interface PharmacyRow {
  id: string;
  name: string;
  status: string;
  org: string;
  phone?: string;
  address?: Record<string, string>;
  location: LatLng;
  openingHours: Record<string, Array<{ open: string; close: string }>>;
  timezone: string;
}

function row(id: string, data: FirebaseFirestore.DocumentData): PharmacyRow {
  const point = data.location as GeoPoint | LatLng;
  const location =
    "latitude" in point ? { lat: point.latitude, lng: point.longitude } : { lat: point.lat, lng: point.lng };
  return {
    id,
    name: data.name,
    status: data.status,
    org: data.org,
    phone: data.phone,
    address: data.address,
    location,
    openingHours: data.openingHours ?? {},
    timezone: data.timezone ?? "Asia/Kolkata",
  };
}

export async function getPharmacy(id: string): Promise<PharmacyRow | null> {
  const snap = await pharmacyRef(id).get();
  return snap.exists ? row(snap.id, snap.data()!) : null;
}

/**
 * Pharmacies whose geohash lies in any of the ranges: one query per range, run in parallel.
 * Returns every document read (approved or not, inside the circle or not) and the count, so the
 * caller can filter and the benchmark can measure the overfetch.
 */
export async function pharmaciesInGeohashRanges(
  ranges: Array<[string, string]>,
): Promise<{ rows: PharmacyRow[]; documentsRead: number }> {
  const snaps = await Promise.all(
    ranges.map(([lo, hi]) =>
      db().collection(COLLECTIONS.pharmacies).orderBy("geohash").startAt(lo).endAt(hi).get(),
    ),
  );
  const rows = snaps.flatMap((s) => s.docs.map((d) => row(d.id, d.data())));
  return { rows, documentsRead: rows.length };
}
