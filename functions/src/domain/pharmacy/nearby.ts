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
 * Geohash precision of a listing cell (`pharmacyCells/{cell}`, one document listing the approved
 * pharmacies whose geohash starts with the cell): 20 bits, 180/2^10 degrees of latitude by 360/2^10
 * of longitude, about 19.5 km by 39 km at the equator and 19.5 km by 33 km in Punjab. A search
 * reads one document per cell its circle reaches: 1 or 2 for a 2 km radius, about 9 for 25 km,
 * whatever the number of pharmacies in them.
 */
export const LISTING_PRECISION = 4;
/** Beyond this many cells (a circle around a pole), a search reads geofire-common's ranges instead. */
export const MAX_LISTING_CELLS = 64;

const BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
const EARTH_KM = 6371; // the sphere geofire-common's distanceBetween measures on
const RAD = Math.PI / 180;

/** Bits of longitude and latitude in a geohash of `precision` characters (longitude comes first). */
function cellBits(precision: number) {
  const bits = precision * 5;
  return { lngBits: Math.ceil(bits / 2), latBits: Math.floor(bits / 2) };
}

/** The geohash of the cell in row `i` (from the south pole) and column `j` (from 180° W). */
function cellHash(i: number, j: number, precision: number): string {
  const { lngBits, latBits } = cellBits(precision);
  let hash = "";
  let value = 0;
  let lngBit = lngBits;
  let latBit = latBits;
  for (let b = 0; b < precision * 5; b += 1) {
    const bit = b % 2 === 0 ? (j >> --lngBit) & 1 : (i >> --latBit) & 1;
    value = value * 2 + bit;
    if (b % 5 === 4) {
      hash += BASE32[value];
      value = 0;
    }
  }
  return hash;
}

/**
 * The shortest distance (km, on the sphere) from `p` to a cell, a latitude-longitude rectangle.
 * Inside: 0. Outside, the nearest point is on an edge: on a parallel, at p's longitude or a
 * corner; on a meridian, at the foot of the great circle through p that meets it at a right
 * angle, latitude atan(tan φ / cos Δλ), or a corner when the foot is off the edge.
 */
function distanceToCellKm(p: LatLng, south: number, north: number, west: number, east: number): number {
  const clampLat = (lat: number) => Math.min(north, Math.max(south, lat));
  const candidates: LatLng[] = [
    { lat: south, lng: west },
    { lat: south, lng: east },
    { lat: north, lng: west },
    { lat: north, lng: east },
  ];
  // p's longitude within the cell's (the cell does not cross 180°; p's may be written ±360 off).
  const dLng = (lng: number) => ((((lng - p.lng) % 360) + 540) % 360) - 180;
  if (dLng(west) <= 0 && dLng(east) >= 0) candidates.push({ lat: clampLat(p.lat), lng: p.lng });
  for (const lng of [west, east]) {
    const cos = Math.cos(dLng(lng) * RAD);
    if (cos > 0) candidates.push({ lat: clampLat(Math.atan(Math.tan(p.lat * RAD) / cos) / RAD), lng });
  }
  return Math.min(...candidates.map((c) => distanceKm(p, c)));
}

/**
 * The listing cells (geohashes of LISTING_PRECISION characters) whose area comes within
 * `radiusKm` of the centre: every point of the circle lies in one of them, and a cell that holds
 * no point of the circle is left out. Null when there would be more than MAX_LISTING_CELLS.
 */
export function listingCells(
  center: LatLng,
  radiusKm: number,
  precision = LISTING_PRECISION,
): string[] | null {
  const { lngBits, latBits } = cellBits(precision);
  const rows = 2 ** latBits;
  const columns = 2 ** lngBits;
  const cellLat = 180 / rows;
  const cellLng = 360 / columns;
  // The circle's extent (on the sphere), with a hair of margin for rounding.
  const arc = (radiusKm / EARTH_KM) * 1.000001;
  const south = center.lat - arc / RAD;
  const north = center.lat + arc / RAD;
  const aroundPole = south <= -90 || north >= 90 || Math.sin(arc) >= Math.cos(center.lat * RAD);
  const halfWidth = aroundPole ? 180 : Math.asin(Math.sin(arc) / Math.cos(center.lat * RAD)) / RAD;
  const firstRow = Math.max(0, Math.floor((south + 90) / cellLat));
  const lastRow = Math.min(rows - 1, Math.floor((north + 90) / cellLat));
  const firstColumn = Math.floor((center.lng - halfWidth + 180) / cellLng);
  const lastColumn = Math.floor((center.lng + halfWidth + 180) / cellLng);
  const columnCount = Math.min(columns, lastColumn - firstColumn + 1);
  if ((lastRow - firstRow + 1) * columnCount > MAX_LISTING_CELLS) return null;
  const cells: string[] = [];
  for (let i = firstRow; i <= lastRow; i += 1) {
    for (let k = 0; k < columnCount; k += 1) {
      const j = (((firstColumn + k) % columns) + columns) % columns;
      const west = -180 + j * cellLng;
      const southEdge = -90 + i * cellLat;
      const distance = distanceToCellKm(center, southEdge, southEdge + cellLat, west, west + cellLng);
      if (distance <= radiusKm * 1.000001) cells.push(cellHash(i, j, precision));
    }
  }
  return cells.sort();
}

/** The listing cell of a stored geohash: its first LISTING_PRECISION characters, when it sorts within them. */
export function cellOf(geohash: unknown): string | null {
  if (typeof geohash !== "string" || geohash.length < LISTING_PRECISION) return null;
  const cell = geohash.slice(0, LISTING_PRECISION);
  // The cell's range is [cell, cell + "~"]: a geohash sorts there unless it has a character after "~".
  return geohash <= `${cell}~` ? cell : null;
}

/** The query range of one listing cell: every geohash that starts with it. */
export const cellRange = (cell: string): [string, string] => [cell, `${cell}~`];

/** Whether a range is exactly one listing cell's (so a search can read the cell's listing). */
export function isListingCellRange([lo, hi]: [string, string]): boolean {
  return lo.length === LISTING_PRECISION && hi === `${lo}~`;
}

/**
 * The geohash ranges that together cover a circle, each an `orderBy(geohash).startAt(lo).endAt(hi)`
 * query; together they return every point in the circle and some outside it. They are the ranges
 * of the listing cells the circle reaches (repo/pharmacies.ts reads their listings), or, for a
 * circle over more than MAX_LISTING_CELLS cells, geofire-common's ranges, as Firebase documents
 * for geoqueries.
 */
export function geohashRanges(center: LatLng, radiusKm: number): Array<[string, string]> {
  const cells = listingCells(center, radiusKm);
  if (cells) return cells.map(cellRange);
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
