import fc from "fast-check";
import { boundingBoxBits, geohashForLocation, metersToLongitudeDegrees } from "geofire-common";
import { describe, expect, it } from "vitest";
import {
  LISTING_PRECISION,
  MAX_LISTING_CELLS,
  cellOf,
  distanceKm,
  geohashRanges,
  isListingCellRange,
  listingCells,
  withinRadius,
  type LatLng,
} from "./nearby";

const EARTH_KM = 6371; // the sphere geofire-common's distanceBetween measures on
const DELHI = { lat: 28.6139, lng: 77.209 };
const MUMBAI = { lat: 19.076, lng: 72.8777 };

/** The point `km` from `from` on the initial bearing `bearingDeg`, on the same sphere. */
function destination(from: LatLng, bearingDeg: number, km: number): LatLng {
  const rad = Math.PI / 180;
  const φ1 = from.lat * rad;
  const θ = bearingDeg * rad;
  const δ = km / EARTH_KM;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 =
    from.lng * rad +
    Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { lat: φ2 / rad, lng: λ2 / rad };
}

/** What a Firestore query per range (`orderBy(geohash).startAt(lo).endAt(hi)`) returns, range by range. */
function queryByRanges<T extends { location: LatLng }>(points: T[], center: LatLng, radiusKm: number): T[] {
  const hashed = points.map((p) => ({ p, hash: geohashForLocation([p.location.lat, p.location.lng], 9) }));
  return geohashRanges(center, radiusKm).flatMap(([lo, hi]) =>
    hashed.filter(({ hash }) => lo <= hash && hash <= hi).map(({ p }) => p),
  );
}

const bruteForce = <T extends { id: string; location: LatLng }>(
  points: T[],
  center: LatLng,
  radiusKm: number,
) =>
  points
    .map((p) => ({ id: p.id, distanceKm: distanceKm(center, p.location) }))
    .filter((p) => p.distanceKm <= radiusKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || a.id.localeCompare(b.id));

/** The geohash cell size (degrees) at the precision geofire-common queries a circle with. */
function queryCell(center: LatLng, radiusKm: number) {
  const bits = Math.max(1, boundingBoxBits([center.lat, center.lng], radiusKm * 1000));
  return { lat: 180 / 2 ** Math.floor(bits / 2), lng: 360 / 2 ** Math.ceil(bits / 2) };
}

/** Half the width, in degrees of longitude, of the box geofire-common puts around the circle. */
function boxHalfWidth(center: LatLng, radiusKm: number): number {
  const latDegrees = (radiusKm * 1000) / 110574;
  return Math.max(
    metersToLongitudeDegrees(radiusKm * 1000, center.lat + latDegrees),
    metersToLongitudeDegrees(radiusKm * 1000, center.lat - latDegrees),
  );
}

/**
 * A centre whose box edge (east or west) lies just inside a geohash cell edge: the points of the
 * circle beyond the box edge are in the next cell, which no corner of the box falls in.
 */
function centreAgainstCellEdge(lat: number, lng: number, radiusKm: number, side: "east" | "west"): LatLng {
  const cell = queryCell({ lat, lng }, radiusKm).lng;
  const half = boxHalfWidth({ lat, lng }, radiusKm);
  const edge = Math.round((lng + 180) / cell) * cell - 180;
  return { lat, lng: side === "east" ? edge - half - 1e-9 : edge + half + 1e-9 };
}

/** A centre exactly on a corner of the geohash grid the query uses. */
function centreOnCellCorner(lat: number, lng: number, radiusKm: number): LatLng {
  const cell = queryCell({ lat, lng }, radiusKm);
  return {
    lat: Math.round((lat + 90) / cell.lat) * cell.lat - 90,
    lng: Math.round((lng + 180) / cell.lng) * cell.lng - 180,
  };
}

describe("distanceKm", () => {
  it("is the great-circle distance in kilometres", () => {
    expect(distanceKm(DELHI, MUMBAI)).toBeGreaterThan(1140);
    expect(distanceKm(DELHI, MUMBAI)).toBeLessThan(1160);
    expect(distanceKm(DELHI, DELHI)).toBe(0);
    expect(distanceKm(DELHI, destination(DELHI, 37, 12.5))).toBeCloseTo(12.5, 9);
  });
});

describe("geohashRanges", () => {
  it("gives ordered [start, end] pairs, one of which holds the centre", () => {
    const ranges = geohashRanges(DELHI, 5);
    expect(ranges.length).toBeGreaterThan(0);
    for (const [lo, hi] of ranges) expect(lo < hi).toBe(true);
    const hash = geohashForLocation([DELHI.lat, DELHI.lng], 9);
    expect(ranges.some(([lo, hi]) => lo <= hash && hash <= hi)).toBe(true);
  });

  it("covers a point just inside the circle beyond the east edge of geofire-common's box", () => {
    // geofire-common sizes its box on the WGS84 ellipsoid but measures distance on a 6371 km
    // sphere; the box is about 0.2% narrower than the circle in India. Found by the property below.
    const radiusKm = 19.486332043052055;
    const center = centreAgainstCellEdge(12.63248591433645, 71.5392636996858, radiusKm, "east");
    const point = { id: "edge", location: destination(center, 90, radiusKm * (1 - 1e-9)) };
    expect(distanceKm(center, point.location)).toBeLessThanOrEqual(radiusKm);
    expect(withinRadius(queryByRanges([point], center, radiusKm), center, radiusKm).map((p) => p.id)).toEqual(
      ["edge"],
    );
  });
});

describe("withinRadius", () => {
  const at = (id: string, location: LatLng, extra: Record<string, unknown> = {}) => ({
    id,
    location,
    ...extra,
  });

  it("drops points outside the radius and orders the rest nearest first, with the distance", () => {
    const near = at("near", destination(DELHI, 0, 1));
    const mid = at("mid", destination(DELHI, 200, 3), { name: "Mid pharmacy" });
    const far = at("far", destination(DELHI, 90, 6));
    const found = withinRadius([far, mid, near], DELHI, 5);
    expect(found.map((p) => p.id)).toEqual(["near", "mid"]);
    expect(found[0].distanceKm).toBeCloseTo(1, 9);
    expect(found[1]).toMatchObject({ id: "mid", name: "Mid pharmacy", location: mid.location });
  });

  it("keeps a point exactly on the radius", () => {
    const p = at("p", destination(DELHI, 45, 2));
    expect(withinRadius([p], DELHI, distanceKm(DELHI, p.location)).map((x) => x.id)).toEqual(["p"]);
  });

  it("removes duplicates, keeping the first", () => {
    const a = { id: "a", location: destination(DELHI, 0, 1), copy: 1 };
    const found = withinRadius([a, { ...a, copy: 2 }, a], DELHI, 5);
    expect(found).toHaveLength(1);
    expect(found[0].copy).toBe(1);
  });

  it("orders ties by id", () => {
    const spot = destination(DELHI, 10, 2);
    expect(withinRadius([at("c", spot), at("a", spot), at("b", spot)], DELHI, 5).map((p) => p.id)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("returns nothing for no candidates", () => {
    expect(withinRadius([], DELHI, 5)).toEqual([]);
  });
});

// Centres in India: anywhere, on a corner of the query's geohash grid, or with the box edge
// just inside a cell edge.
const radiusArb = fc.oneof(
  fc.double({ min: 0.1, max: 50, noNaN: true }),
  fc.constantFrom(0.1, 0.5, 1, 2.4, 5, 10, 19.5, 39, 50),
);
const scenarioArb = fc
  .record({
    lat: fc.double({ min: 8, max: 35, noNaN: true }),
    lng: fc.double({ min: 69, max: 96, noNaN: true }),
    radiusKm: radiusArb,
    placement: fc.constantFrom("anywhere", "corner", "east", "west"),
  })
  .map(({ lat, lng, radiusKm, placement }) => {
    const center =
      placement === "anywhere"
        ? { lat, lng }
        : placement === "corner"
          ? centreOnCellCorner(lat, lng, radiusKm)
          : centreAgainstCellEdge(lat, lng, radiusKm, placement as "east" | "west");
    return { center, radiusKm, placement };
  });

// Points: anywhere near the circle, just inside or outside its rim, on its east-west axis (where
// the box is narrowest), or at the same place as another point (ties).
const pointSpecArb = fc.oneof(
  fc.record({
    kind: fc.constant("spread" as const),
    bearing: fc.double({ min: 0, max: 360, noNaN: true }),
    factor: fc.double({ min: 0, max: 1.4, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("rim" as const),
    bearing: fc.double({ min: 0, max: 360, noNaN: true }),
    factor: fc.double({ min: 0.999, max: 1.001, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("axis" as const),
    bearing: fc.oneof(
      fc.double({ min: 85, max: 95, noNaN: true }),
      fc.double({ min: 265, max: 275, noNaN: true }),
    ),
    factor: fc.double({ min: 0.995, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant("same" as const), bearing: fc.constant(0), factor: fc.nat() }),
);

describe("nearby properties", () => {
  it("the geohash ranges filtered by withinRadius find exactly the points a brute-force search finds, in the same order", () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(pointSpecArb, { maxLength: 40 }), ({ center, radiusKm }, specs) => {
        const points: Array<{ id: string; location: LatLng }> = [];
        specs.forEach((s, i) => {
          const location =
            s.kind === "same"
              ? points.length
                ? points[s.factor % points.length].location
                : center
              : destination(center, s.bearing, radiusKm * s.factor);
          points.push({ id: `p${i}`, location });
        });
        const found = withinRadius(queryByRanges(points, center, radiusKm), center, radiusKm);
        expect(found.map((p) => ({ id: p.id, distanceKm: p.distanceKm }))).toEqual(
          bruteForce(points, center, radiusKm),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe("listing cells", () => {
  const cellCorner = (lat: number, lng: number) => {
    const size = 180 / 2 ** 10; // precision 4: 10 bits of latitude, 10 of longitude (360 / 2^10)
    return {
      lat: Math.round((lat + 90) / size) * size - 90,
      lng: Math.round((lng + 180) / (2 * size)) * 2 * size - 180,
    };
  };

  it("names cells as geofire-common's geohashes do", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -179.9, max: 179.9, noNaN: true }),
        (lat, lng) => {
          const hash = geohashForLocation([lat, lng], LISTING_PRECISION);
          expect(listingCells({ lat, lng }, 0.001)).toContain(hash);
          expect(cellOf(geohashForLocation([lat, lng], 9))).toBe(hash);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reach every point of the circle (precision-9 geohashes, as stored), from anywhere, across 180° and near the poles", () => {
    const centreArb = fc.oneof(
      fc.record({
        lat: fc.double({ min: 8, max: 35, noNaN: true }),
        lng: fc.double({ min: 69, max: 96, noNaN: true }),
      }),
      fc.record({
        lat: fc.double({ min: -85, max: 85, noNaN: true }),
        lng: fc.double({ min: -180, max: 180, noNaN: true }),
      }),
      fc.record({
        lat: fc.double({ min: -80, max: 80, noNaN: true }),
        lng: fc.constantFrom(-180, 179.999, 180),
      }),
      fc
        .record({
          lat: fc.double({ min: 8, max: 35, noNaN: true }),
          lng: fc.double({ min: 69, max: 96, noNaN: true }),
        })
        .map(({ lat, lng }) => cellCorner(lat, lng)),
    );
    fc.assert(
      fc.property(
        centreArb,
        radiusArb,
        fc.array(
          fc.record({
            bearing: fc.double({ min: 0, max: 360, noNaN: true }),
            factor: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (center, radiusKm, specs) => {
          const cells = listingCells(center, radiusKm);
          if (!cells) return; // more than MAX_LISTING_CELLS: the search uses geofire-common's ranges
          for (const { bearing, factor } of specs) {
            const p = destination(center, bearing, radiusKm * factor);
            const lng = ((((p.lng + 180) % 360) + 360) % 360) - 180;
            if (distanceKm(center, { lat: p.lat, lng }) > radiusKm) continue;
            expect(cells).toContain(cellOf(geohashForLocation([p.lat, lng], 9)));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("leave out cells the circle does not reach: one cell for a small circle inside it, four at a corner", () => {
    const inside = { lat: 30.9, lng: 75.85 };
    const hash = geohashForLocation([inside.lat, inside.lng], LISTING_PRECISION);
    expect(listingCells(inside, 0.5)).toEqual([hash]);
    expect(listingCells(cellCorner(30.9, 75.85), 0.5)).toHaveLength(4);
    // A 2 km circle reaches at most 4 cells of 19.5 km by 33 km; a 25 km one fewer than its box's.
    expect(listingCells(inside, 2)!.length).toBeLessThanOrEqual(4);
    expect(listingCells(inside, 25)!.length).toBeLessThanOrEqual(12);
  });

  it("fall back to geofire-common's ranges when a circle spans more than MAX_LISTING_CELLS", () => {
    expect(listingCells({ lat: 89.9, lng: 0 }, 50)).toBeNull();
    const ranges = geohashRanges({ lat: 89.9, lng: 0 }, 50);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every(isListingCellRange)).toBe(false);
    expect(geohashRanges(DELHI, 5).every(isListingCellRange)).toBe(true);
  });

  it("cellOf: a cell for a geohash of at least LISTING_PRECISION characters, else null", () => {
    expect(cellOf("ttnfv2u5d")).toBe("ttnf");
    expect(cellOf("ttnf")).toBe("ttnf");
    expect(cellOf("ttn")).toBeNull();
    expect(cellOf(42)).toBeNull();
    expect(cellOf(undefined)).toBeNull();
    expect(cellOf("ttnf\u00ff")).toBeNull(); // sorts after ttnf~: outside the cell's range
    expect(MAX_LISTING_CELLS).toBeGreaterThanOrEqual(30);
  });
});
