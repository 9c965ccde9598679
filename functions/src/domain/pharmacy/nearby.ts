import { distanceBetween, geohashQueryBounds } from "geofire-common";

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * The geohash ranges that together cover a circle (geofire-common, as Firebase documents
 * for geoqueries). Each range is one `orderBy(geohash).startAt(lo).endAt(hi)` query; together
 * they return every point in the circle and some outside it.
 */
export function geohashRanges(center: LatLng, radiusKm: number): Array<[string, string]> {
  return geohashQueryBounds([center.lat, center.lng], radiusKm * 1000).map(([lo, hi]) => [lo, hi] as [string, string]);
}

export function distanceKm(a: LatLng, b: LatLng): number {
  return distanceBetween([a.lat, a.lng], [b.lat, b.lng]);
}

/**
 * Drops the false positives of the geohash ranges by true distance, removes duplicates (a
 * point can lie in two ranges) and orders by distance, nearest first, ties by id.
 */
export function withinRadius<T extends { id: string; location: LatLng }>(
  candidates: T[],
  center: LatLng,
  radiusKm: number,
): Array<T & { distanceKm: number }> {
  const seen = new Set<string>();
  const found: Array<T & { distanceKm: number }> = [];
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const d = distanceKm(center, c.location);
    if (d <= radiusKm) found.push({ ...c, distanceKm: d });
  }
  return found.sort((a, b) => a.distanceKm - b.distanceKm || a.id.localeCompare(b.id));
}
