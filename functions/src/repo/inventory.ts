import {
  FieldValue,
  Timestamp,
  type QueryDocumentSnapshot,
  type Transaction,
  type UpdateData,
  type WithFieldValue,
  type WriteBatch,
} from "firebase-admin/firestore";
import type { AuditInput } from "../domain/audit/entry";
import { buildEvent } from "../domain/events/events";
import {
  buildInventoryDoc,
  buildPublicStockDoc,
  sameStock,
  stockLevel,
  type StockItem,
  type StockState,
} from "../domain/pharmacy/stock";
import {
  inventoryDocSchema,
  publicStockDocSchema,
  stockImportDocSchema,
  type InventoryDoc,
  type PublicStockDoc,
  type StockImportDoc,
} from "../schemas/documents/pharmacies";
import { recordAction } from "./actions";
import { converterFor, wellFormed } from "./converter";
import { createEvent } from "./events";
import { chunks, COLLECTIONS, db, readDoc } from "./firestore";
import { pharmacyRef } from "./pharmacies";
import { readDocs } from "./readDocs";

/**
 * A pharmacy's stock: `pharmacies/{id}/inventory/{medicineId}` (private: batches, quantities,
 * thresholds), `pharmacies/{id}/stock/{medicineId}` (public: in stock through when, the price),
 * always written together, and `pharmacies/{id}/imports/{importId}` (CSV import reports).
 */

export type { InventoryDoc, PublicStockDoc, StockImportDoc };

const inventoryConverter = converterFor(inventoryDocSchema);
const inventoryRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId).collection(COLLECTIONS.inventory).withConverter(inventoryConverter).doc(medicineId);
const publicStockRef = (pharmacyId: string, medicineId: string) =>
  pharmacyRef(pharmacyId)
    .collection(COLLECTIONS.stock)
    .withConverter(converterFor(publicStockDocSchema))
    .doc(medicineId);
const stockImportRef = (pharmacyId: string, importId: string) =>
  pharmacyRef(pharmacyId)
    .collection(COLLECTIONS.imports)
    .withConverter(converterFor(stockImportDocSchema))
    .doc(importId);

/** A batched write holds at most 500 operations; each changed item takes two (private + public). */
export const ITEMS_PER_BATCH = 200;

/** A stored item, with the state last written (to tell when it becomes `out`). */
type StoredStockItem = StockItem & { state?: StockState; held?: number };

function stockItem(doc: InventoryDoc): StoredStockItem {
  return {
    medicineId: doc.medicineId,
    batches: doc.batches,
    pricePaise: doc.pricePaise as number,
    lowStockThreshold: doc.lowStockThreshold as number,
    state: doc.state,
    ...(doc.held ? { held: doc.held } : {}),
  };
}

/** The private and the public document of an item, as `buildInventoryDoc` and friends make them. */
function stockDocs(
  { pharmacyId, timezone }: { pharmacyId: string; timezone: string },
  item: StockItem,
  today: string,
  now: Date,
) {
  const inventory = buildInventoryDoc(pharmacyId, item, today, now, timezone);
  const at = Timestamp.fromDate(now);
  return {
    inventory: {
      ...inventory,
      changesAt: inventory.changesAt ? Timestamp.fromDate(inventory.changesAt) : null,
      updatedAt: at,
    } satisfies InventoryDoc,
    publicStock: {
      ...buildPublicStockDoc(pharmacyId, item, today, now),
      updatedAt: at,
    } satisfies PublicStockDoc,
  };
}

/**
 * Writes an item's two documents in the batch. Units held for reservations stay held, and off
 * sale, through a stock edit or a state refresh: an item whose every unit is held is not for sale.
 */
function setStockDocs(
  batch: WriteBatch,
  pharmacyId: string,
  medicineId: string,
  docs: ReturnType<typeof stockDocs>,
  held: number,
): void {
  const forSale = docs.inventory.quantity - held > 0;
  batch.set(inventoryRef(pharmacyId, medicineId), held ? { ...docs.inventory, held } : docs.inventory);
  batch.set(
    publicStockRef(pharmacyId, medicineId),
    forSale ? docs.publicStock : { ...docs.publicStock, inStock: false, inStockUntil: null },
  );
}

interface StockOut {
  pharmacyId: string;
  medicineId: string;
  org?: string | null;
}

/**
 * `stock.out` events for items whose stored state goes from in stock or low to out, in the batch
 * that writes that state: the event exists exactly when the change does.
 */
async function addStockOutEvents(batch: WriteBatch, outs: StockOut[], now: Date): Promise<void> {
  if (!outs.length) return;
  const unknown = [...new Set(outs.filter((o) => o.org === undefined).map((o) => o.pharmacyId))];
  const orgs = new Map<string, string | null>();
  for (const p of await readDocs(unknown.map((id) => pharmacyRef(id)))) orgs.set(p.id, p.org ?? null);
  for (const o of outs)
    createEvent(
      buildEvent(
        "stock.out",
        {
          org: o.org ?? orgs.get(o.pharmacyId) ?? null,
          ids: { pharmacyId: o.pharmacyId, medicineId: o.medicineId },
          key: `${o.pharmacyId}:${o.medicineId}:${now.getTime()}`,
        },
        now,
      ),
      batch,
    );
}

/** One medicine's private stock at a pharmacy, in `tx` (dispensing, reservations), or null. */
export function getInventory(
  pharmacyId: string,
  medicineId: string,
  tx?: Transaction,
): Promise<InventoryDoc | null> {
  return readDoc(inventoryRef(pharmacyId, medicineId), tx);
}

/**
 * In `tx`: an item's new batches (after a dispensing) and units held (reservations), its private
 * and public documents together, so the public in-stock answer never lags the stock: what is held
 * is not for sale, and an item whose every unit is held reads as out of stock. A `stock.out`
 * event when it runs out.
 */
export function setStockInTransaction(
  tx: Transaction,
  pharmacy: { id: string; timezone: string; org?: string | null },
  before: InventoryDoc,
  change: { batches: StockItem["batches"]; held: number },
  today: string,
  now: Date,
): { quantity: number; available: number } {
  const item: StockItem = { ...stockItem(before), batches: change.batches };
  const docs = stockDocs({ pharmacyId: pharmacy.id, timezone: pharmacy.timezone }, item, today, now);
  const available = Math.max(0, docs.inventory.quantity - change.held);
  tx.set(inventoryRef(pharmacy.id, before.medicineId), { ...docs.inventory, held: change.held });
  tx.set(publicStockRef(pharmacy.id, before.medicineId), {
    ...docs.publicStock,
    inStock: available > 0,
    inStockUntil: available > 0 ? docs.publicStock.inStockUntil : null,
  });
  const wasOut = (before.state ?? "in_stock") === "out" || (before.quantity ?? 0) - (before.held ?? 0) <= 0;
  if (!wasOut && available === 0)
    createEvent(
      buildEvent(
        "stock.out",
        {
          org: pharmacy.org ?? null,
          ids: { pharmacyId: pharmacy.id, medicineId: before.medicineId },
          key: `${pharmacy.id}:${before.medicineId}:${now.getTime()}`,
        },
        now,
      ),
      tx,
    );
  return { quantity: docs.inventory.quantity, available };
}

/** The stored items of these medicines at a pharmacy, by medicine id. */
export async function getStockItems(
  pharmacyId: string,
  medicineIds: string[],
): Promise<Map<string, StoredStockItem>> {
  const found = await readDocs(medicineIds.map((m) => inventoryRef(pharmacyId, m)));
  return new Map(found.map((doc) => [doc.id, stockItem(doc)]));
}

export interface ApplyProgress {
  done: number;
  changed: number;
  unchanged: number;
}

export interface StockWrite {
  pharmacy: { id: string; timezone: string; org?: string | null };
  items: StockItem[];
  /** The pharmacy's calendar day, for expiries. */
  today: string;
  now: Date;
  /** The CSV import these items come from: its report's progress is updated with each batch. */
  importId?: string;
  /** The audit entry of this write, committed with the first batch that changes any stock. */
  audit?: AuditInput;
}

/**
 * Writes stock items in batches of at most 500 operations, skipping items whose stored stock
 * is already equal (so re-applying the same items writes nothing). With `importId`, each batch
 * also moves the import's progress, in the same commit. The `audit` entry and the `stock.out`
 * events commit with the stock they record (the entry with the first batch that changes any).
 */
export async function setStockItems({
  pharmacy,
  items,
  today,
  now,
  importId,
  audit,
}: StockWrite): Promise<ApplyProgress> {
  const p: ApplyProgress = { done: 0, changed: 0, unchanged: 0 };
  let audited = false;
  const pharmacyId = pharmacy.id;
  for (const part of chunks(items, ITEMS_PER_BATCH)) {
    const existing = await getStockItems(
      pharmacyId,
      part.map((i) => i.medicineId),
    );
    const batch = db().batch();
    const outs: StockOut[] = [];
    for (const item of part) {
      const before = existing.get(item.medicineId);
      if (before && sameStock(before, item)) {
        p.unchanged += 1;
      } else {
        const docs = stockDocs({ pharmacyId, timezone: pharmacy.timezone }, item, today, now);
        const wasOut = before && (before.state ?? stockLevel(before, today).state) === "out";
        if (before && !wasOut && docs.inventory.state === "out")
          outs.push({ pharmacyId, medicineId: item.medicineId, org: pharmacy.org });
        setStockDocs(batch, pharmacyId, item.medicineId, docs, before?.held ?? 0);
        p.changed += 1;
      }
      p.done += 1;
    }
    if (audit && !audited && p.changed > 0) {
      recordAction(batch, audit, now);
      audited = true;
    }
    await addStockOutEvents(batch, outs, now);
    if (importId !== undefined) {
      batch.update(stockImportRef(pharmacyId, importId), {
        processedItems: p.done,
        changedItems: p.changed,
        unchangedItems: p.unchanged,
        progressAt: FieldValue.serverTimestamp(),
      });
    }
    await batch.commit();
  }
  return p;
}

export type PublicStock = Pick<PublicStockDoc, "inStockUntil" | "pricePaise">;

/** Public stock of many pharmacies for a few medicines: `pharmacyId → medicineId → stock`. */
export async function getPublicStock(
  pharmacyIds: string[],
  medicineIds: string[],
): Promise<{ stock: Map<string, Map<string, PublicStock>>; documentsRead: number }> {
  const refs = pharmacyIds.flatMap((p) => medicineIds.map((m) => publicStockRef(p, m)));
  const stock = new Map<string, Map<string, PublicStock>>();
  for (const s of await readDocs(refs)) {
    if (!stock.has(s.pharmacyId)) stock.set(s.pharmacyId, new Map());
    stock.get(s.pharmacyId)!.set(s.id, { inStockUntil: s.inStockUntil ?? null, pricePaise: s.pricePaise });
  }
  // getAll answers one snapshot for each reference, found or not: each is a document read.
  return { stock, documentsRead: refs.length };
}

export interface DueItem {
  pharmacyId: string;
  timezone: string;
  item: StockItem;
}

/** A page of due inventory: the readable items, the paths of those that are not, and where the next page starts. */
export interface DuePage {
  items: DueItem[];
  malformed: string[];
  /** Opaque: pass it back for the next page; null after the last. */
  next: unknown;
}

/**
 * Inventory documents whose derived state is due to change (a batch with units expired), a page
 * at a time in `changesAt` order. The cursor moves past every document read, malformed ones
 * included, so an item that stays due (it cannot be read or written) is met once per run and
 * never holds the run at the same page.
 */
export async function findInventoryDueForRefresh(
  now: Date,
  limit: number,
  after?: unknown,
): Promise<DuePage> {
  let query = db()
    .collectionGroup(COLLECTIONS.inventory)
    .withConverter(inventoryConverter)
    .where("changesAt", "<=", now)
    .orderBy("changesAt")
    .limit(limit);
  if (after) query = query.startAfter(after as QueryDocumentSnapshot<InventoryDoc>);
  const snap = await query.get();
  const items: DueItem[] = [];
  const malformed: string[] = [];
  for (const doc of snap.docs) {
    const [d] = wellFormed([doc]);
    if (!d) {
      malformed.push(doc.ref.path);
      continue;
    }
    items.push({ pharmacyId: d.pharmacyId, timezone: d.timezone ?? "Asia/Kolkata", item: stockItem(d) });
  }
  return { items, malformed, next: snap.size === limit ? snap.docs.at(-1)! : null };
}

/** Rewrites the derived state of items (private and public); the stock itself is unchanged. */
export async function setStockStates(rows: Array<DueItem & { today: string }>, now: Date): Promise<void> {
  for (const part of chunks(rows, ITEMS_PER_BATCH)) {
    const batch = db().batch();
    const outs: StockOut[] = [];
    for (const { pharmacyId, timezone, item, today } of part) {
      const docs = stockDocs({ pharmacyId, timezone }, item, today, now);
      const was = (item as StoredStockItem).state;
      if (was !== undefined && was !== "out" && docs.inventory.state === "out")
        outs.push({ pharmacyId, medicineId: item.medicineId });
      setStockDocs(batch, pharmacyId, item.medicineId, docs, (item as StoredStockItem).held ?? 0);
    }
    await addStockOutEvents(batch, outs, now);
    await batch.commit();
  }
}

/** A CSV import's report, written as it starts. */
export async function setStockImport(pharmacyId: string, doc: WithFieldValue<StockImportDoc>): Promise<void> {
  await stockImportRef(pharmacyId, String(doc.importId)).set(doc);
}

export async function updateStockImport(
  pharmacyId: string,
  importId: string,
  patch: UpdateData<StockImportDoc>,
): Promise<void> {
  await stockImportRef(pharmacyId, importId).update(patch);
}
