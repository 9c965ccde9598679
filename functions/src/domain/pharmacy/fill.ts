/**
 * "Where can I fill this prescription": pharmacies with every item in stock first (nearest
 * first), then those with some of them (most items first, then nearest), each with what is
 * missing. Pharmacies with none of the items are left out.
 */
export interface FillCandidate {
  id: string;
  distanceKm: number;
  /** Medicine id → price in paise, for the items in stock at this pharmacy. */
  inStock: Map<string, number>;
}

export interface FillOption {
  id: string;
  distanceKm: number;
  complete: boolean;
  available: string[];
  missing: string[];
  /** The sum of the unit prices of the available items, in paise. */
  unitPriceTotalPaise: number;
}

export function rankForFilling(candidates: FillCandidate[], medicineIds: string[]): FillOption[] {
  const options: FillOption[] = [];
  for (const c of candidates) {
    const available = medicineIds.filter((m) => c.inStock.has(m));
    if (!available.length) continue;
    options.push({
      id: c.id,
      distanceKm: c.distanceKm,
      complete: available.length === medicineIds.length,
      available,
      missing: medicineIds.filter((m) => !c.inStock.has(m)),
      unitPriceTotalPaise: available.reduce((sum, m) => sum + (c.inStock.get(m) ?? 0), 0),
    });
  }
  return options.sort(
    (a, b) =>
      Number(b.complete) - Number(a.complete) ||
      b.available.length - a.available.length ||
      a.distanceKm - b.distanceKm ||
      a.id.localeCompare(b.id),
  );
}
