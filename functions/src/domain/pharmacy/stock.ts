import { DateTime } from "luxon";
import type { BatchInput } from "../../schemas/pharmacy";

export type StockState = "in_stock" | "low" | "out";

/** The last day a batch may be sold: `2027-03` means through 31 March 2027. */
export function lastSaleDay(expiry: string): string {
  if (expiry.length === 10) return expiry;
  const [y, m] = expiry.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${expiry}-${String(last).padStart(2, "0")}`;
}

/** A batch counts as stock up to and including its last sale day (in the pharmacy's timezone). */
export function isExpired(batch: Pick<BatchInput, "expiry">, today: string): boolean {
  return lastSaleDay(batch.expiry) < today;
}

export interface StockLevel {
  /** Units in unexpired batches. */
  quantity: number;
  state: StockState;
  /** The first day on which this level changes because a batch with units expires, or null. */
  changesAfter: string | null;
  /** The last day on which some unexpired batch still has units: in stock through this day. */
  inStockUntil: string | null;
}

export function stockLevel(
  item: { batches: BatchInput[]; lowStockThreshold: number },
  today: string,
): StockLevel {
  const live = item.batches.filter((b) => b.quantity > 0 && !isExpired(b, today));
  const quantity = live.reduce((sum, b) => sum + b.quantity, 0);
  const lastDays = live.map((b) => lastSaleDay(b.expiry)).sort();
  const state: StockState = quantity === 0 ? "out" : quantity <= item.lowStockThreshold ? "low" : "in_stock";
  return { quantity, state, changesAfter: lastDays[0] ?? null, inStockUntil: lastDays.at(-1) ?? null };
}

/** What a patient may see of a pharmacy's stock: whether it is there, and the price. */
export function isInStockOn(publicStock: { inStockUntil: string | null }, today: string): boolean {
  return publicStock.inStockUntil !== null && today <= publicStock.inStockUntil;
}

export interface StockItem {
  medicineId: string;
  batches: BatchInput[];
  pricePaise: number;
  lowStockThreshold: number;
}

export function paiseFromInr(inr: number): number {
  return Math.round(inr * 100);
}

/** Batches in a stable order, so that equal stock compares equal whatever order it came in. */
export function sortedBatches(batches: BatchInput[]): BatchInput[] {
  return [...batches]
    .map((b) => ({ batch: b.batch, expiry: b.expiry, quantity: b.quantity }))
    .sort((a, b) => a.batch.localeCompare(b.batch));
}

/** Equal when a write would change nothing a reader can see (timestamps aside). */
export function sameStock(a: StockItem, b: StockItem): boolean {
  if (a.pricePaise !== b.pricePaise || a.lowStockThreshold !== b.lowStockThreshold) return false;
  const x = sortedBatches(a.batches);
  const y = sortedBatches(b.batches);
  return (
    x.length === y.length &&
    x.every((bx, i) => bx.batch === y[i].batch && bx.expiry === y[i].expiry && bx.quantity === y[i].quantity)
  );
}

/** The instant a pharmacy's day ends (midnight after it, in the pharmacy's timezone). */
export function endOfDay(day: string, timezone: string): Date {
  return DateTime.fromISO(day, { zone: timezone }).plus({ days: 1 }).startOf("day").toJSDate();
}

/** The private inventory document (pharmacists of the pharmacy and its admins read it). */
export function buildInventoryDoc(
  pharmacyId: string,
  item: StockItem,
  today: string,
  now: Date,
  timezone: string,
) {
  const level = stockLevel(item, today);
  return {
    pharmacyId,
    medicineId: item.medicineId,
    batches: sortedBatches(item.batches),
    pricePaise: item.pricePaise,
    lowStockThreshold: item.lowStockThreshold,
    quantity: level.quantity,
    state: level.state,
    changesAfter: level.changesAfter,
    /** When the derived state must be recomputed (a batch with units expires); null if never. */
    changesAt: level.changesAfter ? endOfDay(level.changesAfter, timezone) : null,
    timezone,
    stateAsOf: today,
    updatedAt: now,
  };
}

/** The public document (any signed-in user): in stock or not, through when, and the price. */
export function buildPublicStockDoc(pharmacyId: string, item: StockItem, today: string, now: Date) {
  const level = stockLevel(item, today);
  return {
    pharmacyId,
    medicineId: item.medicineId,
    inStock: level.quantity > 0,
    inStockUntil: level.inStockUntil,
    pricePaise: item.pricePaise,
    updatedAt: now,
  };
}
