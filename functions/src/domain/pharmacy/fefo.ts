import type { BatchInput } from "../../schemas/pharmacy";
import { isExpired, lastSaleDay } from "./stock";

/** Units taken from one batch. */
export interface Draw {
  batch: string;
  expiry: string;
  quantity: number;
}

export type Allocation =
  { ok: true; draws: Draw[]; batches: BatchInput[] } | { ok: false; available: number };

/**
 * Takes `quantity` units from the batches, earliest expiry first (FEFO: the batch that must be
 * sold first goes first; equal expiries by batch name, so the choice is stable). Expired and
 * empty batches are never drawn. Returns the draws and the batches after them, or how many units
 * could be drawn when there are not enough. `reserved` units (held for reservations) are not
 * available to this draw. Pure: `today` is the pharmacy's calendar day.
 */
export function allocateFefo(
  batches: BatchInput[],
  quantity: number,
  today: string,
  reserved = 0,
): Allocation {
  const live = batches
    .filter((b) => b.quantity > 0 && !isExpired(b, today))
    .sort(
      (a, b) => lastSaleDay(a.expiry).localeCompare(lastSaleDay(b.expiry)) || a.batch.localeCompare(b.batch),
    );
  const available = live.reduce((s, b) => s + b.quantity, 0) - reserved;
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError("quantity must be a positive integer");
  if (available < quantity) return { ok: false, available: Math.max(0, available) };
  const draws: Draw[] = [];
  let left = quantity;
  for (const b of live) {
    if (left === 0) break;
    const take = Math.min(b.quantity, left);
    draws.push({ batch: b.batch, expiry: b.expiry, quantity: take });
    left -= take;
  }
  const taken = new Map(draws.map((d) => [d.batch, d.quantity]));
  return {
    ok: true,
    draws,
    batches: batches.map((b) => ({ ...b, quantity: b.quantity - (taken.get(b.batch) ?? 0) })),
  };
}
