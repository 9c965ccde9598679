import {
  FieldPath,
  Filter,
  GeoPoint,
  type DocumentData,
  type Query,
  type Transaction,
  type UpdateData,
  type WithFieldValue,
} from "firebase-admin/firestore";
import { listedPharmacy, listingEntryOf } from "../domain/pharmacy/listing";
import { cellOf, cellRange, isListingCellRange, type LatLng } from "../domain/pharmacy/nearby";
import {
  listedPharmacyDocSchema,
  pharmacyDocSchema,
  type PharmacyDoc,
} from "../schemas/documents/pharmacies";
import { converterFor, wellFormed } from "./converter";
import { chunks, COLLECTIONS, db, readDoc } from "./firestore";
import {
  getListings,
  listListingCells,
  removeListingEntry,
  replaceListings,
  setListingEntry,
  type PharmacyCellDoc,
} from "./pharmacyCells";

export type { PharmacyDoc };

const pharmacies = () =>
  db().collection(COLLECTIONS.pharmacies).withConverter(converterFor(pharmacyDocSchema));

export const pharmacyRef = (id: string) => pharmacies().doc(id);

/** The same collection read for the nearby search: hours and zone checked strictly. */
const listedPharmacies = () =>
  db().collection(COLLECTIONS.pharmacies).withConverter(converterFor(listedPharmacyDocSchema));

/** A pharmacy as the functions use it: its id, the location as numbers, hours and zone filled in. */
export interface PharmacyRow {
  id: string;
  name: string;
  status: string;
  org: string;
  ownerUid?: string;
  phone?: string;
  address?: Record<string, string>;
  location: LatLng;
  openingHours: Record<string, Array<{ open: string; close: string }>>;
  timezone: string;
  /** Where the pharmacy is indexed: its listing cell is the first characters (domain/pharmacy/nearby.ts). */
  geohash?: string;
}

function row(id: string, pharmacy: PharmacyDoc): PharmacyRow {
  const point = pharmacy.location;
  const location =
    "latitude" in point ? { lat: point.latitude, lng: point.longitude } : { lat: point.lat, lng: point.lng };
  return {
    id,
    name: pharmacy.name,
    status: pharmacy.status,
    org: pharmacy.org,
    ownerUid: pharmacy.ownerUid,
    phone: pharmacy.phone,
    address: pharmacy.address,
    location,
    openingHours: pharmacy.openingHours ?? {},
    timezone: pharmacy.timezone ?? "Asia/Kolkata",
    geohash: pharmacy.geohash,
  };
}

/** A document's row, or null when it does not match the schema (it is then in its cell, unlisted). */
function rowOf(id: string, data: DocumentData | undefined): PharmacyRow | null {
  const parsed = pharmacyDocSchema.safeParse(data);
  return parsed.success ? row(id, parsed.data) : null;
}

export async function getPharmacy(id: string, tx?: Transaction): Promise<PharmacyRow | null> {
  const pharmacy = await readDoc(pharmacyRef(id), tx);
  return pharmacy ? row(id, pharmacy) : null;
}

/**
 * The pharmacy an approved application creates; the location is stored as a GeoPoint. Its
 * listing entry (pharmacyCells) is written in the same transaction, so a search finds it at once.
 */
export function createPharmacy(
  tx: Transaction,
  id: string,
  pharmacy: { name: string; status: string; org: string; location: LatLng } & Record<string, unknown>,
): void {
  const { lat, lng } = pharmacy.location;
  const doc: WithFieldValue<PharmacyDoc> = { ...pharmacy, location: new GeoPoint(lat, lng) };
  tx.create(pharmacyRef(id), doc);
  const cell = cellOf(pharmacy.geohash);
  // The listing takes the profile's fields; its times (Dates until written) are not listed.
  const { approvedAt: _approved, updatedAt: _updated, ...listed } = pharmacy;
  if (cell) setListingEntry(tx, cell, id, listingOf(rowOf(id, listed)));
}

/**
 * Updates a pharmacy. With `listed`, the pharmacy as read in this transaction, its listing entry
 * is rewritten from it and the patch's fields in the same transaction (a suspension hides it from
 * searches at once); without, the listing follows from the trigger (triggers/firestore).
 */
export function updatePharmacy(
  tx: Transaction,
  id: string,
  patch: UpdateData<PharmacyDoc>,
  listed?: PharmacyRow,
): void {
  tx.update(pharmacyRef(id), patch);
  const cell = cellOf(listed?.geohash);
  if (!listed || !cell) return;
  const plain = Object.fromEntries(
    (["name", "status", "phone", "address", "openingHours", "timezone"] as const)
      .filter((key) => key in patch)
      .map((key) => [key, patch[key]]),
  );
  setListingEntry(tx, cell, id, listingOf({ ...listed, ...plain } as PharmacyRow));
}

const listingOf = (pharmacy: PharmacyRow | null) => (pharmacy ? listingEntryOf(pharmacy) : null);

/** The pharmacies collection without its converter, for counting and for reading what is malformed. */
const rawPharmacies = () => db().collection(COLLECTIONS.pharmacies);

/** OR queries take at most 30 disjunctions: the count of a search's cells is made per 30. */
const COUNT_CELLS = 30;

/**
 * Pharmacies whose geohash lies in any of the ranges, by a query per range (each document read).
 * A pharmacy whose hours or zone the search cannot use is left out (listedPharmacyDocSchema;
 * logged as repo.malformedDocument).
 */
async function queryRanges(
  ranges: Array<[string, string]>,
): Promise<{ rows: PharmacyRow[]; documentsRead: number }> {
  const snaps = await Promise.all(
    ranges.map(([lo, hi]) => listedPharmacies().orderBy("geohash").startAt(lo).endAt(hi).get()),
  );
  const docs = snaps.flatMap((s) => s.docs);
  const rows = wellFormed(docs.map((d) => ({ data: () => row(d.id, d.data()) })));
  return { rows, documentsRead: docs.length };
}

/** How many pharmacy documents lie in these cells, and the reads it costs (1 per 1,000 counted, at least 1). */
async function countInCells(cellIds: string[]): Promise<{ count: number; documentsRead: number }> {
  const inCell = (cell: string) => {
    const [lo, hi] = cellRange(cell);
    return Filter.and(Filter.where("geohash", ">=", lo), Filter.where("geohash", "<=", hi));
  };
  const query: Query =
    cellIds.length === 1
      ? rawPharmacies().where(inCell(cellIds[0]))
      : rawPharmacies().where(Filter.or(...cellIds.map(inCell)));
  const count = (await query.count().get()).data().count;
  return { count, documentsRead: Math.max(1, Math.ceil(count / 1000)) };
}

/**
 * Pharmacies whose geohash lies in any of the ranges, for the nearby search: every pharmacy in
 * them that is approved (and possibly others), with the documents read.
 *
 * A range that is exactly one listing cell (domain/pharmacy/nearby.ts geohashRanges gives those)
 * is read from the cell's listing, `pharmacyCells/{cell}`: one document for all its pharmacies.
 * The listing is kept by the writes that approve and suspend a pharmacy (in their transaction)
 * and, for every other write (a pharmacist's edit of name, phone or hours, a deletion, data
 * written by hand), by the `syncPharmacyListing` trigger, a moment later. So that a listing that
 * is behind on which pharmacies a cell holds (one written by hand or deleted before the trigger
 * ran) does not change the answer, the search also counts the pharmacy documents in its cells
 * (one read per 1,000, a count of up to 30 cells at a time) and reads the pharmacies of cells
 * whose listings hold another number of them, as any other range: by a query. What the count
 * cannot see is an edit of a listed pharmacy's fields outside approval and suspension (its
 * pharmacist's name, phone or hours): the search answers with it once the trigger has run.
 */
export async function findPharmaciesInGeohashRanges(
  ranges: Array<[string, string]>,
): Promise<{ rows: PharmacyRow[]; documentsRead: number }> {
  const cellIds = [...new Set(ranges.filter(isListingCellRange).map(([lo]) => lo))];
  const queried = ranges.filter((range) => !isListingCellRange(range));
  const rows: PharmacyRow[] = [];
  let documentsRead = 0;
  const groups = chunks(cellIds, COUNT_CELLS);
  const [listed, ...counts] = await Promise.all([getListings(cellIds), ...groups.map(countInCells)]);
  documentsRead += listed.documentsRead;
  groups.forEach((group, i) => {
    documentsRead += counts[i].documentsRead;
    const listings = group.map((cell) => listed.listings.get(cell) ?? null);
    const keys = listings.reduce((n, l) => n + (l ? Object.keys(l.pharmacies).length : 0), 0);
    if (listings.some((l) => l === null) || keys !== counts[i].count) {
      queried.push(...group.map(cellRange));
      return;
    }
    for (const listing of listings as PharmacyCellDoc[])
      for (const [id, entry] of Object.entries(listing.pharmacies))
        if (entry) rows.push({ id, ...listedPharmacy(entry) });
  });
  if (queried.length) {
    const direct = await queryRanges(queried);
    rows.push(...direct.rows);
    documentsRead += direct.documentsRead;
  }
  return { rows, documentsRead };
}

/**
 * Brings one pharmacy's listing up to date with its document as it is now (not as an event saw
 * it, so events handled late or out of order do no harm): listed in its cell (null when not
 * approved or malformed), and out of every other cell of `cells` (the cells the write moved it
 * from). A deleted pharmacy leaves every cell of `cells`. Reads the pharmacy in the transaction,
 * so a write to it meanwhile makes this run again.
 */
export async function relistPharmacy(id: string, cells: Array<string | null>): Promise<void> {
  await db().runTransaction(async (tx) => {
    const snap = await tx.get(rawPharmacies().doc(id));
    const data = snap.exists ? snap.data() : undefined;
    const cell = data ? cellOf(data.geohash) : null;
    for (const other of new Set(cells)) if (other && other !== cell) removeListingEntry(tx, other, id);
    if (cell) setListingEntry(tx, cell, id, listingOf(rowOf(id, data)));
  });
}

/**
 * Rebuilds every listing from the pharmacies (a page of 1,000 at a time): for a first deployment
 * and after data was written with the triggers off. A pharmacy written while it runs may be listed
 * as it was; its next write, or the search's count, puts that right.
 */
export async function rebuildPharmacyListings(): Promise<{ pharmacies: number; cells: number }> {
  const listings = new Map<string, PharmacyCellDoc["pharmacies"]>();
  let pharmacyCount = 0;
  let last: string | undefined;
  for (;;) {
    let page = rawPharmacies().orderBy(FieldPath.documentId()).limit(1000);
    if (last) page = page.startAfter(last);
    const snap = await page.get();
    for (const doc of snap.docs) {
      pharmacyCount += 1;
      const cell = cellOf(doc.get("geohash"));
      if (!cell) continue;
      if (!listings.has(cell)) listings.set(cell, {});
      listings.get(cell)![doc.id] = listingOf(rowOf(doc.id, doc.data()));
    }
    if (snap.size < 1000) break;
    last = snap.docs[snap.size - 1].id;
  }
  for (const cell of await listListingCells()) if (!listings.has(cell)) listings.set(cell, {});
  await replaceListings(listings);
  return { pharmacies: pharmacyCount, cells: listings.size };
}
