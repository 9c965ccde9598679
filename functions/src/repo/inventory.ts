import { buildEvent } from "../domain/events/events";
import {
  buildInventoryDoc,
  buildPublicStockDoc,
  sameStock,
  stockLevel,
  type StockItem,
  type StockState,
} from "../domain/pharmacy/stock";
import { recordEvent } from "./events";
import { chunks, COLLECTIONS, db, GET_ALL_CHUNK } from "./firestore";
import { pharmacyRef } from "./pharmacies";

export const inventoryRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.inventory).doc(medicineId);
export const publicStockRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.stock).doc(medicineId);
export const importRef = (pharmacyId: string, importId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.imports).doc(importId);

/** A batched write holds at most 500 operations; each changed item takes two (private + public). */
export const ITEMS_PER_BATCH = 200;

/** A stored item, with the state last written (to tell when it becomes `out`). */
type StoredStockItem = StockItem & { state?: StockState };

function stockItem(data: FirebaseFirestore.DocumentData): StoredStockItem {
  return {
    medicineId: data.medicineId,
    batches: data.batches ?? [],
    pricePaise: data.pricePaise,
    lowStockThreshold: data.lowStockThreshold,
    state: data.state,
  };
}

/** `stock.out` events for items whose stored state went from in stock or low to out (after the write committed). */
async function recordStockOuts(
  outs: Array<{ pharmacyId: string; medicineId: string; org?: string | null }>,
  now: Date,
): Promise<void> {
  if (!outs.length) return;
  const unknown = [...new Set(outs.filter((o) => o.org === undefined).map((o) => o.pharmacyId))];
  const orgs = new Map<string, string | null>();
  for (const part of chunks(unknown, GET_ALL_CHUNK))
    for (const s of await db().getAll(...part.map((id) => pharmacyRef(id))))
      orgs.set(s.id, (s.get("org") as string | undefined) ?? null);
  await Promise.all(
    outs.map((o) =>
      recordEvent(
        buildEvent(
          "stock.out",
          {
            org: o.org ?? orgs.get(o.pharmacyId) ?? null,
            ids: { pharmacyId: o.pharmacyId, medicineId: o.medicineId },
            key: `${o.pharmacyId}:${o.medicineId}:${now.getTime()}`,
          },
          now,
        ),
      ),
    ),
  );
}

export async function getStockItems(
  pharmacyId: string,
  medicineIds: string[],
): Promise<Map<string, StoredStockItem>> {
  const found = new Map<string, StoredStockItem>();
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
  pharmacy: { id: string; timezone: string; org?: string | null },
  items: StockItem[],
  today: string,
  now: Date,
  progress?: (batch: FirebaseFirestore.WriteBatch, p: ApplyProgress) => void,
): Promise<ApplyProgress> {
  const p: ApplyProgress = { done: 0, changed: 0, unchanged: 0 };
  for (const part of chunks(items, ITEMS_PER_BATCH)) {
    const pharmacyId = pharmacy.id;
    const existing = await getStockItems(
      pharmacyId,
      part.map((i) => i.medicineId),
    );
    const batch = db().batch();
    const outs: Array<{ pharmacyId: string; medicineId: string; org?: string | null }> = [];
    for (const item of part) {
      const before = existing.get(item.medicineId);
      if (before && sameStock(before, item)) {
        p.unchanged += 1;
      } else {
        const doc = buildInventoryDoc(pharmacyId, item, today, now, pharmacy.timezone);
        if (before && (before.state ?? stockLevel(before, today).state) !== "out" && doc.state === "out")
          outs.push({ pharmacyId, medicineId: item.medicineId, org: pharmacy.org });
        batch.set(inventoryRef(pharmacyId, item.medicineId), doc);
        batch.set(
          publicStockRef(pharmacyId, item.medicineId),
          buildPublicStockDoc(pharmacyId, item, today, now),
        );
        p.changed += 1;
      }
      p.done += 1;
    }
    progress?.(batch, { ...p });
    await batch.commit();
    await recordStockOuts(outs, now);
  }
  return p;
}

/** Public stock of many pharmacies for a few medicines: `pharmacyId → medicineId → doc`. */
export async function publicStockFor(
  pharmacyIds: string[],
  medicineIds: string[],
): Promise<{
  stock: Map<string, Map<string, { inStockUntil: string | null; pricePaise: number }>>;
  documentsRead: number;
}> {
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
      stock
        .get(pharmacyId)!
        .set(s.id, { inStockUntil: s.get("inStockUntil") ?? null, pricePaise: s.get("pricePaise") });
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
  const snap = await db()
    .collectionGroup(COLLECTIONS.inventory)
    .where("changesAt", "<=", now)
    .limit(limit)
    .get();
  return snap.docs.map((d) => ({
    pharmacyId: d.get("pharmacyId") as string,
    timezone: (d.get("timezone") as string) ?? "Asia/Kolkata",
    item: stockItem(d.data()),
  }));
}

/** Rewrites the derived state of items; the stock itself is unchanged. */
export async function rewriteStockState(rows: Array<DueItem & { today: string }>, now: Date): Promise<void> {
  for (const part of chunks(rows, ITEMS_PER_BATCH)) {
    const batch = db().batch();
    const outs: Array<{ pharmacyId: string; medicineId: string }> = [];
    for (const { pharmacyId, timezone, item, today } of part) {
      const doc = buildInventoryDoc(pharmacyId, item, today, now, timezone);
      const was = (item as StoredStockItem).state;
      if (was !== undefined && was !== "out" && doc.state === "out")
        outs.push({ pharmacyId, medicineId: item.medicineId });
      batch.set(inventoryRef(pharmacyId, item.medicineId), doc);
      batch.set(
        publicStockRef(pharmacyId, item.medicineId),
        buildPublicStockDoc(pharmacyId, item, today, now),
      );
    }
    await batch.commit();
    await recordStockOuts(outs, now);
  }
}
