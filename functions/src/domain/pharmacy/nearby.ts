import { distanceBetween, geohashQueryBounds } from "geofire-common";

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * geofire-common sizes its bounding box in longitude on the WGS84 ellipsoid, but
 * `distanceBetween` measures on a 6371 km sphere, on which a degree of longitude is shorter: the
 * box is up to 0.45% (about 0.2% in India) narrower than the circle, and points inside the circle
 * just beyond the box's east or west edge were missed when that edge lay near a geohash cell edge.
 */
const RADIUS_MARGIN = 1.01;

/**
 * The geohash ranges that together cover a circle (geofire-common, as Firebase documents
 * for geoqueries). Each range is one `orderBy(geohash).startAt(lo).endAt(hi)` query; together
 * they return every point in the circle and some outside it.
 */
export function geohashRanges(center: LatLng, radiusKm: number): Array<[string, string]> {
  return geohashQueryBounds([center.lat, center.lng], radiusKm * 1000 * RADIUS_MARGIN).map(
    ([lo, hi]) => [lo, hi] as [string, string],
  );
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
