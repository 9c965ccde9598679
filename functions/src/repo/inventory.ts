import { buildInventoryDoc, buildPublicStockDoc, sameStock, type StockItem } from "../domain/pharmacy/stock";
import { COLLECTIONS, db } from "./firestore";
import { chunks, GET_ALL_CHUNK } from "./medicines";
import { pharmacyRef } from "./pharmacies";

export const inventoryRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.inventory).doc(medicineId);
export const publicStockRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.stock).doc(medicineId);
export const importRef = (pharmacyId: string, importId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.imports).doc(importId);

/** A batched write holds at most 500 operations; each changed item takes two (private + public). */
export const ITEMS_PER_BATCH = 200;

function stockItem(data: FirebaseFirestore.DocumentData): StockItem {
  return { medicineId: data.medicineId, batches: data.batches ?? [], pricePaise: data.pricePaise, lowStockThreshold: data.lowStockThreshold };
}

export async function getStockItems(pharmacyId: string, medicineIds: string[]): Promise<Map<string, StockItem>> {
  const found = new Map<string, StockItem>();
  for (const part of chunks(medicineIds, GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part.map((m) => inventoryRef(pharmacyId, m)));
    for (const s of snaps) if (s.exists) found.set(s.id, stockItem(s.data()!));
  }
  return found;
}

export interface ApplyProgress {
  done: number;
  changed: number;
  unchanged: number;
}

/**
 * Writes stock items in batches of at most 500 operations, skipping items whose stored stock
 * is already equal (so re-applying the same items writes nothing). `progress` is called before
 * each batch is committed and may add one write of its own to it (the import's progress).
 */
export async function applyStockItems(
  pharmacy: { id: string; timezone: string },
  items: StockItem[],
  today: string,
  now: Date,
  progress?: (batch: FirebaseFirestore.WriteBatch, p: ApplyProgress) => void,
): Promise<ApplyProgress> {
  const p: ApplyProgress = { done: 0, changed: 0, unchanged: 0 };
  for (const part of chunks(items, ITEMS_PER_BATCH)) {
    const pharmacyId = pharmacy.id;
    const existing = await getStockItems(pharmacyId, part.map((i) => i.medicineId));
    const batch = db().batch();
    for (const item of part) {
      const before = existing.get(item.medicineId);
      if (before && sameStock(before, item)) {
        p.unchanged += 1;
      } else {
        batch.set(inventoryRef(pharmacyId, item.medicineId), buildInventoryDoc(pharmacyId, item, today, now, pharmacy.timezone));
        batch.set(publicStockRef(pharmacyId, item.medicineId), buildPublicStockDoc(pharmacyId, item, today, now));
        p.changed += 1;
      }
      p.done += 1;
    }
    progress?.(batch, { ...p });
    await batch.commit();
  }
  return p;
}

/** Public stock of many pharmacies for a few medicines: `pharmacyId → medicineId → doc`. */
export async function publicStockFor(
  pharmacyIds: string[],
  medicineIds: string[],
): Promise<{ stock: Map<string, Map<string, { inStockUntil: string | null; pricePaise: number }>>; documentsRead: number }> {
  const refs = pharmacyIds.flatMap((p) => medicineIds.map((m) => publicStockRef(p, m)));
  const stock = new Map<string, Map<string, { inStockUntil: string | null; pricePaise: number }>>();
  let documentsRead = 0;
  for (const part of chunks(refs, GET_ALL_CHUNK)) {
    const snaps = await db().getAll(...part);
    documentsRead += snaps.length;
    for (const s of snaps) {
      if (!s.exists) continue;
      const pharmacyId = s.get("pharmacyId") as string;
      if (!stock.has(pharmacyId)) stock.set(pharmacyId, new Map());
      stock.get(pharmacyId)!.set(s.id, { inStockUntil: s.get("inStockUntil") ?? null, pricePaise: s.get("pricePaise") });
    }
  }
  return { stock, documentsRead };
}

export interface DueItem {
  pharmacyId: string;
  timezone: string;
  item: StockItem;
}

/** Inventory documents whose derived state is due to change (a batch with units expired). */
export async function inventoryDueForRefresh(now: Date, limit: number): Promise<DueItem[]> {
  const snap = await db().collectionGroup(COLLECTIONS.inventory).where("changesAt", "<=", now).limit(limit).get();
  return snap.docs.map((d) => ({ pharmacyId: d.get("pharmacyId") as string, timezone: (d.get("timezone") as string) ?? "Asia/Kolkata", item: stockItem(d.data()) }));
}

/** Rewrites the derived state of items; the stock itself is unchanged. */
export async function rewriteStockState(rows: Array<DueItem & { today: string }>, now: Date): Promise<void> {
  for (const part of chunks(rows, ITEMS_PER_BATCH)) {
    const batch = db().batch();
    for (const { pharmacyId, timezone, item, today } of part) {
      batch.set(inventoryRef(pharmacyId, item.medicineId), buildInventoryDoc(pharmacyId, item, today, now, timezone));
      batch.set(publicStockRef(pharmacyId, item.medicineId), buildPublicStockDoc(pharmacyId, item, today, now));
    }
    await batch.commit();
  }
}
