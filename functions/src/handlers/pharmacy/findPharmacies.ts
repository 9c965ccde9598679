import { rankForFilling, type FillOption } from "../../domain/pharmacy/fill";
import { geohashRanges, withinRadius } from "../../domain/pharmacy/nearby";
import { openingStatus, type OpeningStatus } from "../../domain/pharmacy/openingHours";
import { isInStockOn } from "../../domain/pharmacy/stock";
import type { Call } from "../../registry/define";
import { getPublicStock } from "../../repo/inventory";
import { findExistingMedicineIds, getMedicines } from "../../repo/medicines";
import { findPharmaciesInGeohashRanges } from "../../repo/pharmacies";
import type { FindPharmaciesRequest } from "../../schemas/pharmacy";
import { pharmacyToday } from "../../services/pharmacy/managedPharmacy";
import { readablePrescription } from "../../services/prescriptions/readablePrescription";
import { appError } from "../../schemas/errors";

/** Stock is looked up for at most this many of the nearest pharmacies (reads = this × items). */
export const FILL_CANDIDATES = 100;

export interface PharmacyResult extends OpeningStatus {
  pharmacyId: string;
  name: string;
  phone?: string;
  address?: Record<string, string>;
  location: { lat: number; lng: number };
  distanceKm: number;
  fill?: {
    complete: boolean;
    available: Array<{ medicineId: string; name: string }>;
    missing: Array<{ medicineId: string; name: string }>;
    unitPriceTotalInr: number;
  };
}

export interface NearbySearch {
  pharmacies: PharmacyResult[];
  /** Without medicines: the approved pharmacies within the radius, before openNow and the limit.
   *  With medicines: the pharmacies with some of the items, before the limit. */
  matched: number;
  /** Documents read: pharmacies from the geohash ranges, then public stock documents. */
  documentsRead: { pharmacies: number; stock: number };
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Pharmacies within a radius, nearest first, using geohash range queries and a true-distance
 * filter. With medicines, the answer is "where can I fill this": every item in stock first,
 * then some of them, with what is missing. Suspended pharmacies are never returned.
 */
export async function searchNearby(input: FindPharmaciesRequest, now: Date): Promise<NearbySearch> {
  const { rows, documentsRead } = await findPharmaciesInGeohashRanges(
    geohashRanges(input.center, input.radiusKm),
  );
  const inRadius = withinRadius(
    rows.filter((r) => r.status === "approved"),
    input.center,
    input.radiusKm,
  );
  // Opening hours cost a few luxon computations each: worked out only for the pharmacies that
  // can be answered, in distance order, until enough open ones are found.
  const wanted = input.medicineIds ? FILL_CANDIDATES : input.limit;
  const nearby: Array<(typeof inRadius)[number] & OpeningStatus> = [];
  for (const p of inRadius) {
    if (nearby.length >= wanted) break;
    const status = openingStatus(p.openingHours, p.timezone, now);
    if (!input.openNow || status.openNow) nearby.push({ ...p, ...status });
  }
  const view = (p: (typeof nearby)[number]): PharmacyResult => ({
    pharmacyId: p.id,
    name: p.name,
    phone: p.phone,
    address: p.address,
    location: p.location,
    distanceKm: round(p.distanceKm, 3),
    openNow: p.openNow,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
  });
  if (!input.medicineIds) {
    return {
      pharmacies: nearby.map(view),
      matched: inRadius.length,
      documentsRead: { pharmacies: documentsRead, stock: 0 },
    };
  }
  const medicineIds = input.medicineIds;
  const medicines = await getMedicines(medicineIds);
  const unknown = medicineIds.filter((m) => !medicines.has(m));
  if (unknown.length)
    throw appError(
      "invalid-argument",
      "medicine-unknown",
      `medicineIds: not in the medicine master: ${unknown.join(", ")}`,
    );
  const candidates = nearby;
  const { stock, documentsRead: stockRead } = await getPublicStock(
    candidates.map((c) => c.id),
    medicineIds,
  );
  const byId = new Map<string, (typeof nearby)[number]>(candidates.map((c) => [c.id, c]));
  const options = rankForFilling(
    candidates.map((c) => ({
      id: c.id,
      distanceKm: c.distanceKm,
      inStock: new Map(
        [...(stock.get(c.id) ?? new Map()).entries()]
          .filter(([, s]) => isInStockOn(s, pharmacyToday(c, now)))
          .map(([m, s]) => [m, s.pricePaise] as const),
      ),
    })),
    medicineIds,
  );
  const named = (ids: string[]) =>
    ids.map((medicineId) => ({ medicineId, name: medicines.get(medicineId)!.displayName }));
  const withFill = (o: FillOption): PharmacyResult => ({
    ...view(byId.get(o.id)!),
    fill: {
      complete: o.complete,
      available: named(o.available),
      missing: named(o.missing),
      unitPriceTotalInr: o.unitPriceTotalPaise / 100,
    },
  });
  return {
    pharmacies: options.slice(0, input.limit).map(withFill),
    matched: options.length,
    documentsRead: { pharmacies: documentsRead, stock: stockRead },
  };
}

export async function findPharmacies({
  actor,
  input,
  now,
}: Call<FindPharmaciesRequest>): Promise<NearbySearch & { unmatchedLines?: string[] }> {
  if (!input.prescriptionId) return searchNearby(input, now);
  // "Where can I fill this prescription": its lines that name a medicine of the master.
  const rx = await readablePrescription(actor, input.prescriptionId, now);
  const known = await findExistingMedicineIds(
    rx.content.lines.flatMap((l) => (l.medicineId ? [l.medicineId] : [])),
  );
  const medicineIds = [...known];
  const unmatchedLines = rx.content.lines
    .filter((l) => !l.medicineId || !known.has(l.medicineId))
    .map((l) => `${l.name} ${l.strength}`);
  if (!medicineIds.length)
    throw appError(
      "failed-precondition",
      "precondition-failed",
      "no line of this prescription names a medicine of the master; search by medicine instead",
    );
  return { ...(await searchNearby({ ...input, medicineIds }, now)), unmatchedLines };
}
