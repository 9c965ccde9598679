import { GeoPoint, type Transaction, type UpdateData, type WithFieldValue } from "firebase-admin/firestore";
import type { LatLng } from "../domain/pharmacy/nearby";
import {
  listedPharmacyDocSchema,
  pharmacyDocSchema,
  type PharmacyDoc,
} from "../schemas/documents/pharmacies";
import { converterFor, wellFormed } from "./converter";
import { COLLECTIONS, db, readDoc } from "./firestore";

export type { PharmacyDoc };

const pharmacies = () =>
  db().collection(COLLECTIONS.pharmacies).withConverter(converterFor(pharmacyDocSchema));

export const pharmacyRef = (id: string) => pharmacies().doc(id);

/** The same collection read for the nearby search: hours and zone checked strictly. */
const listedPharmacies = () =>
  db().collection(COLLECTIONS.pharmacies).withConverter(converterFor(listedPharmacyDocSchema));

/** A pharmacy as the functions use it: its id, the location as numbers, hours and zone filled in. */
export interface PharmacyRow {
  id: string;
  name: string;
  status: string;
  org: string;
  ownerUid?: string;
  phone?: string;
  address?: Record<string, string>;
  location: LatLng;
  openingHours: Record<string, Array<{ open: string; close: string }>>;
  timezone: string;
}

function row(id: string, pharmacy: PharmacyDoc): PharmacyRow {
  const point = pharmacy.location;
  const location =
    "latitude" in point ? { lat: point.latitude, lng: point.longitude } : { lat: point.lat, lng: point.lng };
  return {
    id,
    name: pharmacy.name,
    status: pharmacy.status,
    org: pharmacy.org,
    ownerUid: pharmacy.ownerUid,
    phone: pharmacy.phone,
    address: pharmacy.address,
    location,
    openingHours: pharmacy.openingHours ?? {},
    timezone: pharmacy.timezone ?? "Asia/Kolkata",
  };
}

export async function getPharmacy(id: string, tx?: Transaction): Promise<PharmacyRow | null> {
  const pharmacy = await readDoc(pharmacyRef(id), tx);
  return pharmacy ? row(id, pharmacy) : null;
}

/** The pharmacy an approved application creates; the location is stored as a GeoPoint. */
export function createPharmacy(
  tx: Transaction,
  id: string,
  pharmacy: { name: string; status: string; org: string; location: LatLng } & Record<string, unknown>,
): void {
  const { lat, lng } = pharmacy.location;
  const doc: WithFieldValue<PharmacyDoc> = { ...pharmacy, location: new GeoPoint(lat, lng) };
  tx.create(pharmacyRef(id), doc);
}

export function updatePharmacy(tx: Transaction, id: string, patch: UpdateData<PharmacyDoc>): void {
  tx.update(pharmacyRef(id), patch);
}

/**
 * Pharmacies whose geohash lies in any of the ranges: one query per range, run in parallel.
 * Returns every document read (approved or not, inside the circle or not) and the count, so the
 * caller can filter and the benchmark can measure the overfetch. A pharmacy whose hours or zone
 * the search cannot use is left out (listedPharmacyDocSchema; logged as repo.malformedDocument).
 */
export async function findPharmaciesInGeohashRanges(
  ranges: Array<[string, string]>,
): Promise<{ rows: PharmacyRow[]; documentsRead: number }> {
  const snaps = await Promise.all(
    ranges.map(([lo, hi]) => listedPharmacies().orderBy("geohash").startAt(lo).endAt(hi).get()),
  );
  const docs = snaps.flatMap((s) => s.docs);
  const rows = wellFormed(docs.map((d) => ({ data: () => row(d.id, d.data()) })));
  return { rows, documentsRead: docs.length };
}
